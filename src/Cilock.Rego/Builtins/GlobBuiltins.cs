using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary><c>glob.match</c> (gobwas/glob semantics: <c>*</c>, <c>**</c>, <c>?</c>, <c>[…]</c>, <c>{a,b}</c>) and <c>glob.quote_meta</c>.</summary>
internal static class GlobBuiltins
{
    private static readonly ConcurrentDictionary<(string, string), Regex> Cache = new();

    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("glob.match", 3, (_, a) =>
        {
            var pattern = Str(a, 0);
            string delims;
            if (a[1] is NullValue)
            {
                delims = "";
            }
            else
            {
                var list = Elements(a, 1, "array").Select(x => x is StringValue s ? s.Value : throw new BuiltinException("operand 2 must be array of strings", true)).ToList();
                delims = list.Count == 0 ? "." : string.Concat(list);
            }

            if (!Cache.TryGetValue((pattern, delims), out var re))
            {
                if (Cache.Count > 1000)
                {
                    Cache.Clear();
                }

                re = new Regex(ToRegex(pattern, delims), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
                Cache[(pattern, delims)] = re;
            }

            return B(re.IsMatch(Str(a, 2)));
        });
        t.Add("glob.quote_meta", 1, (_, a) =>
        {
            var sb = new StringBuilder();
            foreach (var c in Str(a, 0))
            {
                if (c is '*' or '?' or '\\' or '[' or ']' or '{' or '}')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }

            return S(sb.ToString());
        });
    }

    internal static string ToRegex(string glob, string delimiters)
    {
        var notDelim = delimiters.Length == 0 ? "[\\s\\S]" : "[^" + Regex.Escape(delimiters).Replace("]", "\\]", StringComparison.Ordinal) + "]";
        var sb = new StringBuilder("^");
        var depth = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '\\' when i + 1 < glob.Length:
                    sb.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                case '*':
                    if (i + 1 < glob.Length && glob[i + 1] == '*')
                    {
                        sb.Append("[\\s\\S]*");
                        i++;
                    }
                    else
                    {
                        sb.Append(notDelim).Append('*');
                    }

                    break;
                case '?':
                    sb.Append(notDelim);
                    break;
                case '[':
                {
                    var end = glob.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        throw new BuiltinException("unexpected end of input in glob pattern");
                    }

                    var body = glob[(i + 1)..end];
                    var neg = body.StartsWith('!');
                    if (neg)
                    {
                        body = body[1..];
                    }

                    sb.Append('[').Append(neg ? "^" : "").Append(body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
                    i = end;
                    break;
                }

                case '{':
                    depth++;
                    sb.Append("(?:");
                    break;
                case '}' when depth > 0:
                    depth--;
                    sb.Append(')');
                    break;
                case ',' when depth > 0:
                    sb.Append('|');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (depth != 0)
        {
            throw new BuiltinException("unbalanced braces in glob pattern");
        }

        return sb.Append('$').ToString();
    }
}

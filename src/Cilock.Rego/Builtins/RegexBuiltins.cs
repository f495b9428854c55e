using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>
/// Regular expressions with RE2 semantics: patterns are translated to .NET syntax (named groups, <c>$</c> as end of
/// text, POSIX classes) and run with <see cref="RegexOptions.NonBacktracking"/>, which is linear like RE2.
/// </summary>
internal static class RegexBuiltins
{
    private const int CacheLimit = 1000;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("regex.match", 2, (_, a) => B(Compile(Str(a, 0)).IsMatch(Str(a, 1))));
        t.Add("re_match", 2, (_, a) => B(Compile(Str(a, 0)).IsMatch(Str(a, 1))));
        t.Add("regex.is_valid", 1, (_, a) =>
        {
            if (a[0] is not StringValue s)
            {
                return BoolValue.False;
            }

            try
            {
                Compile(s.Value);
                return BoolValue.True;
            }
            catch (BuiltinException)
            {
                return BoolValue.False;
            }
        });
        t.Add("regex.split", 2, (_, a) => new ArrayValue(Compile(Str(a, 0)).Split(Str(a, 1)).Select(x => (Value)S(x)).ToArray()));
        t.Add("regex.find_n", 3, (_, a) =>
        {
            var n = Int(a, 2);
            var matches = Compile(Str(a, 0)).Matches(Str(a, 1)).Select(m => (Value)S(m.Value));
            return new ArrayValue((n < 0 ? matches : matches.Take(n)).ToArray());
        });
        t.Add("regex.find_all_string_submatch_n", 3, (_, a) =>
        {
            var n = Int(a, 2);
            var matches = Compile(Str(a, 0)).Matches(Str(a, 1))
                .Select(m => (Value)new ArrayValue(m.Groups.Cast<Group>().Select(g => (Value)S(g.Success ? g.Value : "")).ToArray()));
            return new ArrayValue((n < 0 ? matches : matches.Take(n)).ToArray());
        });
        t.Add("regex.replace", 3, (_, a) => S(Compile(Str(a, 1)).Replace(Str(a, 0), Str(a, 2))));
    }

    /// <summary>Compiles (and caches) an RE2 pattern; invalid patterns are built-in errors.</summary>
    public static Regex Compile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        Regex re;
        try
        {
            re = new Regex(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (ArgumentException e)
        {
            throw new BuiltinException("error parsing regexp: " + e.Message);
        }
        catch (NotSupportedException e)
        {
            throw new BuiltinException("error parsing regexp: " + e.Message);
        }

        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache[pattern] = re;
        return re;
    }

    private static readonly Dictionary<string, string> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["ascii"] = "\\x00-\\x7F", ["blank"] = "\\t ", ["cntrl"] = "\\x00-\\x1F\\x7F",
        ["digit"] = "0-9", ["graph"] = "!-~", ["lower"] = "a-z", ["print"] = " -~", ["punct"] = "!-/:-@\\[-`{-~", ["space"] = "\\t\\n\\v\\f\\r ",
        ["upper"] = "A-Z", ["word"] = "0-9A-Za-z_", ["xdigit"] = "0-9A-Fa-f",
    };

    /// <summary>Translates RE2 syntax to .NET: <c>(?P&lt;n&gt;</c>, <c>\pL</c>, <c>[[:alpha:]]</c>, <c>\z</c>-anchored <c>$</c>, <c>\Q…\E</c>.</summary>
    internal static string Translate(string p)
    {
        var multiline = p.Contains("(?m", StringComparison.Ordinal) || (p.StartsWith("(?", StringComparison.Ordinal) && p.IndexOf(')') is var close && close > 0 && p[2..close].Contains('m', StringComparison.Ordinal));
        var sb = new StringBuilder(p.Length + 8);
        var inClass = false;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                var n = p[i + 1];
                if (n == 'Q' && !inClass)
                {
                    var end = p.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                    var lit = end < 0 ? p[(i + 2)..] : p[(i + 2)..end];
                    sb.Append(Regex.Escape(lit));
                    i = end < 0 ? p.Length : end + 1;
                    continue;
                }

                if (n is 'p' or 'P' && i + 2 < p.Length && p[i + 2] != '{')
                {
                    sb.Append('\\').Append(n).Append('{').Append(p[i + 2]).Append('}');
                    i += 2;
                    continue;
                }

                if (n == 'z')
                {
                    sb.Append("\\z");
                    i++;
                    continue;
                }

                sb.Append(c).Append(n);
                i++;
                continue;
            }

            if (inClass)
            {
                if (c == '[' && i + 1 < p.Length && p[i + 1] == ':')
                {
                    var end = p.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (end > 0)
                    {
                        var name = p[(i + 2)..end];
                        var neg = name.StartsWith('^');
                        if (!neg && Posix.TryGetValue(name, out var range))
                        {
                            sb.Append(range);
                            i = end + 1;
                            continue;
                        }
                    }
                }

                if (c == '[')
                {
                    sb.Append("\\[");
                    continue;
                }

                if (c == ']')
                {
                    inClass = false;
                }

                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < p.Length && p[i + 1] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }

                    if (i + 1 < p.Length && p[i + 1] == ']')
                    {
                        sb.Append("\\]");
                        i++;
                    }

                    break;
                case '(' when i + 2 < p.Length && p[i + 1] == '?' && p[i + 2] == 'P' && i + 3 < p.Length && p[i + 3] == '<':
                    sb.Append("(?<");
                    i += 3;
                    break;
                case '$' when !multiline:
                    sb.Append("\\z");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Cilock.Policy.Verification;

/// <summary>
/// gobwas/glob patterns without separators (<c>*</c> crosses <c>/</c>): <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[!a-z]</c>,
/// <c>{a,b}</c> and <c>\</c> escapes, translated to an anchored regular expression with a 250 ms match cap.
/// </summary>
internal static class GlobPattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether <paramref name="text"/> contains a glob meta character (<c>* ? { [</c>).</summary>
    public static bool IsGlob(string text) => text.AsSpan().IndexOfAny("*?{[") >= 0;

    /// <summary>Matches <paramref name="value"/>; an invalid pattern or a timeout is a non-match (fail closed).</summary>
    public static bool IsMatch(string pattern, string value, bool ignoreCase = false)
    {
        if (!TryTranslate(pattern, out var regex))
        {
            return false;
        }

        try
        {
            var options = RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            return Regex.IsMatch(value, regex, options, MatchTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    internal static bool TryTranslate(string pattern, out string regex)
    {
        var sb = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (++i >= pattern.Length)
                    {
                        regex = "";
                        return false;
                    }

                    sb.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                case '*':
                    sb.Append(".*");
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '{':
                    braces++;
                    sb.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    sb.Append(')');
                    break;
                case ',' when braces > 0:
                    sb.Append('|');
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0 || close == i + 1)
                    {
                        regex = "";
                        return false;
                    }

                    var body = pattern[(i + 1)..close];
                    var negate = body.StartsWith('!');
                    if (negate)
                    {
                        body = body[1..];
                    }

                    if (body.Length == 0)
                    {
                        regex = "";
                        return false;
                    }

                    sb.Append(negate ? "[^" : "[");
                    foreach (var ch in body)
                    {
                        sb.Append(ch is '\\' or '^' or '[' or ']' ? "\\" + ch : ch.ToString());
                    }

                    sb.Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (braces != 0)
        {
            regex = "";
            return false;
        }

        regex = sb.Append('$').ToString();
        return true;
    }
}

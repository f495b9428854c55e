namespace Cilock.Attestation.Hashing;

/// <summary>
/// Go (gobwas, no separators) style globs: <c>*</c> matches any run of characters including <c>/</c>, <c>?</c> one
/// character. Used for variable names and for forward-slash relative paths (a leading <c>**/</c> also matches no folder).
/// </summary>
internal static class Glob
{
    /// <summary>Whether <paramref name="pattern"/> contains a wildcard.</summary>
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>
    /// Whether a forward-slash relative path passes include/exclude globs: included when <paramref name="include"/>
    /// is empty or one pattern matches, and no <paramref name="exclude"/> pattern matches (case-sensitive).
    /// </summary>
    public static bool PathSelected(string path, IReadOnlyList<string> include, IReadOnlyList<string> exclude) =>
        (include.Count == 0 || include.Any(p => PathMatch(p, path))) && !exclude.Any(p => PathMatch(p, path));

    private static bool PathMatch(string pattern, string path) =>
        IsMatch(pattern, path, ignoreCase: false)
        || (pattern.StartsWith("**/", StringComparison.Ordinal) && IsMatch(pattern[3..], path, ignoreCase: false));

    /// <summary>Matches <paramref name="text"/> against <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string text, bool ignoreCase)
    {
        // Iterative wildcard matching with single-star backtracking: linear in practice, no regex compilation.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || CharEquals(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}

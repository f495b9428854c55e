namespace Cilock.Secrets.Findings;

/// <summary>
/// The cilock <c>match</c> truncation rule (spec attestors.md §9, used in both dialects): up to 8 characters become
/// <c>[SENSITIVE-VALUE]</c>, longer text keeps only its first 8 characters plus <c>...</c>. Witness's "whole up to 40"
/// rule is deliberately not used because it can leak short secrets.
/// </summary>
public static class MatchRedactor
{
    /// <summary>The placeholder for short values and for env-value findings.</summary>
    public const string Placeholder = "[SENSITIVE-VALUE]";

    /// <summary>Applies the rule to <paramref name="match"/>.</summary>
    public static string Truncate(string match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return match.Length <= 8 ? Placeholder : string.Concat(match.AsSpan(0, 8), "...");
    }
}

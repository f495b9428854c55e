namespace Cilock.Secrets.Rules;

/// <summary>What an allowlist's regexes are applied to.</summary>
internal enum RegexTarget
{
    /// <summary>The extracted secret (default).</summary>
    Secret,

    /// <summary>The whole regex match.</summary>
    Match,

    /// <summary>The line(s) containing the match.</summary>
    Line,
}

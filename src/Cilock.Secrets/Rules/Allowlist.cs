using System.Buffers;
using System.Text.RegularExpressions;

namespace Cilock.Secrets.Rules;

/// <summary>A compiled allowlist (gitleaks semantics: paths skip a whole input; regexes/stopwords drop a finding).</summary>
internal sealed class Allowlist
{
    private readonly Regex? _paths;
    private readonly Regex? _regexes;
    private readonly SearchValues<string>? _stopwords;

    public Allowlist(AllowlistDocument document, string owner)
    {
        Target = document.RegexTarget?.ToLowerInvariant() switch
        {
            null or "" or "secret" => RegexTarget.Secret,
            "match" => RegexTarget.Match,
            "line" => RegexTarget.Line,
            var other => throw RuleSet.Invalid($"{owner}: unknown regexTarget '{other}' (use secret, match or line)"),
        };
        RequireAll = document.Condition?.ToLowerInvariant() switch
        {
            null or "" or "or" => false,
            "and" => true,
            var other => throw RuleSet.Invalid($"{owner}: unknown allowlist condition '{other}' (use or, and)"),
        };
        HasPaths = document.Paths.Count > 0;
        HasRegexes = document.Regexes.Count > 0;
        HasStopwords = document.Stopwords.Count > 0;
        _paths = HasPaths ? RuleSet.CompileAuxiliary(string.Join('|', document.Paths.Select(p => $"(?:{p})")), owner) : null;
        _regexes = HasRegexes ? RuleSet.CompileAuxiliary(string.Join('|', document.Regexes.Select(p => $"(?:{p})")), owner) : null;
        _stopwords = HasStopwords
            ? SearchValues.Create([.. document.Stopwords.Where(s => s.Length > 0).Select(s => s.ToLowerInvariant()).Distinct()], StringComparison.OrdinalIgnoreCase)
            : null;
    }

    public RegexTarget Target { get; }

    public bool RequireAll { get; }

    public bool HasPaths { get; }

    public bool HasRegexes { get; }

    public bool HasStopwords { get; }

    /// <summary>Whether a plain (non-<c>and</c>) allowlist skips the input at <paramref name="path"/> entirely.</summary>
    public bool SkipsPath(string? path) => !RequireAll && HasPaths && path is not null && _paths!.IsMatch(path);

    /// <summary>Whether a finding is allowed (dropped).</summary>
    public bool Allows(string secret, string match, string line, string? path)
    {
        var target = Target switch { RegexTarget.Match => match, RegexTarget.Line => line, _ => secret };
        var regexHit = HasRegexes && target.Length > 0 && _regexes!.IsMatch(target);
        var stopHit = HasStopwords && secret.AsSpan().IndexOfAny(_stopwords!) >= 0;
        if (!RequireAll)
        {
            return regexHit || stopHit;
        }

        return (!HasPaths || (path is not null && _paths!.IsMatch(path)))
            && (!HasRegexes || regexHit)
            && (!HasStopwords || stopHit)
            && (HasPaths || HasRegexes || HasStopwords);
    }
}

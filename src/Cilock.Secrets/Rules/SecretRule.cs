using System.Text.RegularExpressions;

namespace Cilock.Secrets.Rules;

/// <summary>
/// One compiled detection rule. The scanning regex uses the linear-time <see cref="RegexOptions.NonBacktracking"/>
/// engine; capture groups are then taken by re-running the backtracking twin on the matched text only (as gitleaks
/// does), because group boundaries are where the two engines may differ and the match text is short.
/// </summary>
internal sealed class SecretRule
{
    /// <summary>Default number of characters searched on each side of a keyword hit.</summary>
    public const int DefaultContext = 512;

    // gitleaks' "semi-generic" rules start with a lazy identifier prefix before their keyword alternation. Scanning
    // with that prefix makes every position a potential match start (several times slower on both engines); it only
    // decides where the match text begins, so it is dropped from the scanning pattern and re-applied afterwards.
    private static readonly Regex LazyIdentifierPrefix = new(@"^(\(\?i\))?\[\\w\.-\]\{0,(\d{1,3})\}\?", RegexOptions.CultureInvariant);

    private readonly Lazy<Regex?> _scan;
    private readonly Lazy<Regex?> _groups;

    public SecretRule(RuleEntry entry)
    {
        Id = entry.Id!.ToLowerInvariant();
        Description = string.IsNullOrWhiteSpace(entry.Description) ? Id : entry.Description;
        Pattern = entry.Regex;
        SecretGroup = entry.SecretGroup;
        Entropy = entry.Entropy;
        Keywords = [.. entry.Keywords.Where(k => k.Length > 0).Select(k => k.ToLowerInvariant()).Distinct()];
        Context = entry.Context > 0 ? entry.Context : DefaultContext;
        Path = entry.Path is null ? null : RuleSet.CompileAuxiliary(entry.Path, $"rule '{Id}' path");
        Allowlists = [.. entry.Allowlists.Select(a => new Allowlist(a, $"rule '{Id}' allowlist"))];
        if (Pattern is not null)
        {
            // Validate eagerly with the backtracking parser (cheap), construct the matchers lazily: most rules never
            // see a keyword in a typical input, and NonBacktracking construction is the expensive part.
            Validate(Pattern, Id);
        }

        var scanPattern = Pattern;
        if (Pattern is not null && LazyIdentifierPrefix.Match(Pattern) is { Success: true } prefix)
        {
            scanPattern = prefix.Groups[1].Value + Pattern[prefix.Length..];
            LeadingIdentifierRun = int.Parse(prefix.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        _scan = new Lazy<Regex?>(() => scanPattern is null ? null : RuleSet.CompileScanner(scanPattern));
        _groups = new Lazy<Regex?>(() => Pattern is null ? null : new Regex(Pattern, RegexOptions.CultureInvariant, RuleSet.MatchTimeout));
    }

    public string Id { get; }

    public string Description { get; }

    public string? Pattern { get; }

    public int SecretGroup { get; }

    public double Entropy { get; }

    public IReadOnlyList<string> Keywords { get; }

    public int Context { get; }

    /// <summary>How many identifier characters (<c>[\w.-]</c>) before a scan match belong to the match (0: none).</summary>
    public int LeadingIdentifierRun { get; }

    public Regex? Path { get; }

    public IReadOnlyList<Allowlist> Allowlists { get; }

    /// <summary>The linear-time scanning regex, or <c>null</c> for a path-only rule.</summary>
    public Regex? Scanner => _scan.Value;

    /// <summary>The backtracking twin used to extract capture groups from a match.</summary>
    public Regex? GroupExtractor => _groups.Value;

    /// <summary>Whether the rule only reports files by name (no content regex).</summary>
    public bool IsPathOnly => Pattern is null;

    private static void Validate(string pattern, string id)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, RuleSet.MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw RuleSet.Invalid($"rule '{id}': invalid regex: {e.Message}");
        }
    }
}

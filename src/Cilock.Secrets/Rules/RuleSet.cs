using System.Text.Json;
using System.Text.RegularExpressions;
using Cilock.Attestation.Diagnostics;
using Cilock.Secrets.Diagnostics;

namespace Cilock.Secrets.Rules;

/// <summary>
/// The detection rules of a scan: the embedded defaults (gitleaks-derived, see SOURCES.md), optionally extended or
/// replaced by a user rules file. Immutable and thread-safe; load once and share.
/// </summary>
public sealed class RuleSet
{
    /// <summary>Time limit of any single backtracking regex evaluation; NonBacktracking scans are linear anyway.</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private static readonly Lazy<RuleSet> DefaultRules = new(() => FromDocuments([ReadEmbedded()]));

    private RuleSet(IReadOnlyList<SecretRule> rules, IReadOnlyList<Allowlist> global)
    {
        Rules = rules;
        GlobalAllowlists = global;
        Ids = [.. rules.Select(r => r.Id)];
    }

    /// <summary>The built-in rules.</summary>
    public static RuleSet Default => DefaultRules.Value;

    /// <summary>The rule ids, in rule order.</summary>
    public IReadOnlyList<string> Ids { get; }

    internal IReadOnlyList<SecretRule> Rules { get; }

    internal IReadOnlyList<Allowlist> GlobalAllowlists { get; }

    /// <summary>
    /// Loads <paramref name="path"/>: its rules replace default rules with the same id and add the others, its
    /// <c>allowlist</c> adds to the global one, <c>disabledRules</c> removes rules, and <c>"extendDefaults": false</c>
    /// drops the defaults altogether.
    /// </summary>
    /// <exception cref="CilockException">CIL4002 when the file is unreadable or a rule is invalid.</exception>
    public static RuleSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw Invalid($"cannot read rules file '{path}': {e.Message}");
        }

        var user = Parse(json, path);
        return user.ExtendDefaults ? FromDocuments([ReadEmbedded(), user]) : FromDocuments([user]);
    }

    /// <summary>Parses rules from JSON text in the rules-file format (used with <c>extendDefaults</c> like <see cref="Load"/>).</summary>
    /// <exception cref="CilockException">CIL4002 when the JSON or a rule is invalid.</exception>
    public static RuleSet FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var user = Parse(json, "rules");
        return user.ExtendDefaults ? FromDocuments([ReadEmbedded(), user]) : FromDocuments([user]);
    }

    internal static CilockException Invalid(string message) => new(SecretsDiagnostics.InvalidRules, message);

    /// <summary>Compiles a content-scanning regex: linear time when the pattern allows it, else backtracking with a timeout.</summary>
    internal static Regex CompileScanner(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            // Lookarounds/backreferences in a user rule: keep it usable, bounded by the timeout.
            return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, MatchTimeout);
        }
    }

    /// <summary>Compiles an allowlist/path regex (inputs can be long lines, so prefer the linear engine too).</summary>
    internal static Regex CompileAuxiliary(string pattern, string owner)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"{owner}: invalid regex: {e.Message}");
        }

        return CompileScanner(pattern);
    }

    private static RuleDocument Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<RuleDocument>(json, new JsonSerializerOptions
            {
                ReadCommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }) ?? throw Invalid($"{source}: the rules file is empty");
        }
        catch (JsonException e)
        {
            throw Invalid($"{source}: not a valid rules file: {e.Message}");
        }
    }

    private static RuleDocument ReadEmbedded()
    {
        using var stream = typeof(RuleSet).Assembly.GetManifestResourceStream("Cilock.Secrets.default-rules.json")
            ?? throw new InvalidOperationException("the embedded default rules are missing from Cilock.Secrets");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default rules");
    }

    private static RuleSet FromDocuments(IReadOnlyList<RuleDocument> documents)
    {
        var byId = new Dictionary<string, RuleEntry>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        var global = new List<Allowlist>();
        foreach (var document in documents)
        {
            if (document.Allowlist is { } allowlist)
            {
                global.Add(new Allowlist(allowlist, "global allowlist"));
            }

            foreach (var entry in document.Rules)
            {
                if (string.IsNullOrWhiteSpace(entry.Id))
                {
                    throw Invalid("a rule has no id");
                }

                if (entry.Regex is null && entry.Path is null)
                {
                    throw Invalid($"rule '{entry.Id}' has neither a regex nor a path");
                }

                if (entry.SecretGroup < 0)
                {
                    throw Invalid($"rule '{entry.Id}': secretGroup must not be negative");
                }

                if (!byId.ContainsKey(entry.Id))
                {
                    order.Add(entry.Id);
                }

                byId[entry.Id] = entry;
            }

            foreach (var id in document.DisabledRules)
            {
                if (byId.Remove(id))
                {
                    order.RemoveAll(o => string.Equals(o, id, StringComparison.OrdinalIgnoreCase));
                }
            }
        }

        return new RuleSet([.. order.Select(id => new SecretRule(byId[id]))], global);
    }
}

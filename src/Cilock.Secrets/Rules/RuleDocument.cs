using System.Text.Json.Serialization;

namespace Cilock.Secrets.Rules;

/// <summary>The JSON shape of a rules file (the embedded defaults and <c>--rules FILE</c>); see docs/secrets.md.</summary>
internal sealed class RuleDocument
{
    /// <summary>When false a user file replaces the defaults instead of extending them.</summary>
    [JsonPropertyName("extendDefaults")]
    public bool ExtendDefaults { get; set; } = true;

    /// <summary>Rule ids switched off.</summary>
    [JsonPropertyName("disabledRules")]
    public List<string> DisabledRules { get; set; } = [];

    /// <summary>The global allowlist, checked for every rule.</summary>
    [JsonPropertyName("allowlist")]
    public AllowlistDocument? Allowlist { get; set; }

    /// <summary>The rules; a rule with the id of an existing rule replaces it.</summary>
    [JsonPropertyName("rules")]
    public List<RuleEntry> Rules { get; set; } = [];
}

/// <summary>One rule in a rules file.</summary>
internal sealed class RuleEntry
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("regex")]
    public string? Regex { get; set; }

    [JsonPropertyName("secretGroup")]
    public int SecretGroup { get; set; }

    [JsonPropertyName("entropy")]
    public double Entropy { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("keywords")]
    public List<string> Keywords { get; set; } = [];

    /// <summary>Characters searched on each side of a keyword hit (default 512; grows when a match reaches the edge).</summary>
    [JsonPropertyName("context")]
    public int Context { get; set; }

    [JsonPropertyName("allowlists")]
    public List<AllowlistDocument> Allowlists { get; set; } = [];

    [JsonPropertyName("source")]
    public string? Source { get; set; }
}

/// <summary>An allowlist: a finding is dropped when its target matches (any, or all with <c>condition: and</c>).</summary>
internal sealed class AllowlistDocument
{
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary><c>secret</c> (default), <c>match</c> or <c>line</c>: what <see cref="Regexes"/> are applied to.</summary>
    [JsonPropertyName("regexTarget")]
    public string? RegexTarget { get; set; }

    /// <summary><c>or</c> (default) or <c>and</c>.</summary>
    [JsonPropertyName("condition")]
    public string? Condition { get; set; }

    [JsonPropertyName("paths")]
    public List<string> Paths { get; set; } = [];

    [JsonPropertyName("regexes")]
    public List<string> Regexes { get; set; } = [];

    [JsonPropertyName("stopwords")]
    public List<string> Stopwords { get; set; } = [];
}

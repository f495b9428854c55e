using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>cilock: a standalone predicate about the subjects that the policy requires or feeds to Rego.</summary>
public sealed class ExternalAttestation
{
    /// <summary>The name (equals the map key by convention).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The predicate type to look for.</summary>
    [JsonPropertyName("predicateType")]
    public string? PredicateType { get; set; }

    /// <summary>Who may sign it.</summary>
    [JsonPropertyName("functionaries")]
    public List<Functionary>? Functionaries { get; set; }

    /// <summary>Rego over the bare predicate.</summary>
    [JsonPropertyName("regopolicies")]
    public List<RegoPolicyEntry>? RegoPolicies { get; set; }

    /// <summary>AI policies.</summary>
    [JsonPropertyName("aipolicies")]
    public List<AiPolicyEntry>? AiPolicies { get; set; }

    /// <summary>Whether a missing or failing external fails verification; defaults to <c>true</c> when absent.</summary>
    [JsonPropertyName("required")]
    public bool? Required { get; set; }

    /// <summary>The effective <see cref="Required"/> value.</summary>
    [JsonIgnore]
    public bool IsRequired => Required ?? true;
}

using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>A required attestation type of a step and the policies its attestors must satisfy.</summary>
public sealed class AttestationRequirement
{
    /// <summary>The predicate URI.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Rego modules evaluated over every attestor of the type.</summary>
    [JsonPropertyName("regopolicies")]
    public List<RegoPolicyEntry>? RegoPolicies { get; set; }

    /// <summary>cilock AI policies (cannot be evaluated offline: fail closed).</summary>
    [JsonPropertyName("aipolicies")]
    public List<AiPolicyEntry>? AiPolicies { get; set; }
}

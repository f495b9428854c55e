using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>One step of a policy: who may sign it, what it must contain and which steps feed it.</summary>
public sealed class PolicyStep
{
    /// <summary>The step name; must equal its map key.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Who may sign this step's collection.</summary>
    [JsonPropertyName("functionaries")]
    public List<Functionary>? Functionaries { get; set; }

    /// <summary>Required attestation types and their Rego policies.</summary>
    [JsonPropertyName("attestations")]
    public List<AttestationRequirement>? Attestations { get; set; }

    /// <summary>Steps whose products must equal this step's materials.</summary>
    [JsonPropertyName("artifactsFrom")]
    public List<string>? ArtifactsFrom { get; set; }

    /// <summary>cilock: upstream steps whose predicates Rego sees (defines evaluation order).</summary>
    [JsonPropertyName("attestationsFrom")]
    public List<string>? AttestationsFrom { get; set; }

    /// <summary>cilock: external attestations whose predicates Rego sees.</summary>
    [JsonPropertyName("externalFrom")]
    public List<string>? ExternalFrom { get; set; }

    /// <summary>cilock: constraint on the TSA-verified signing time.</summary>
    [JsonPropertyName("timestampConstraint")]
    public TimestampConstraint? TimestampConstraint { get; set; }

    /// <summary>cilock: accepted but not enforced (as upstream).</summary>
    [JsonPropertyName("allowedUntracked")]
    public List<string>? AllowedUntracked { get; set; }
}

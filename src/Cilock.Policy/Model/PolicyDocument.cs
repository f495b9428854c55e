using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>
/// A Witness/cilock policy (spec policy.md §1). Member names bind case-insensitively and unknown members are
/// ignored, like Go's <c>encoding/json</c>; read it with <see cref="PolicyReader"/>, never re-serialize a signed one.
/// </summary>
public sealed class PolicyDocument
{
    /// <summary>When the policy stops being valid; <c>null</c> (absent) means already expired, as in Go.</summary>
    [JsonPropertyName("expires")]
    [JsonConverter(typeof(Rfc3339JsonConverter))]
    public DateTimeOffset? Expires { get; set; }

    /// <summary>Signing-certificate trust bundles by free-form id.</summary>
    [JsonPropertyName("roots")]
    public Dictionary<string, PolicyRoot>? Roots { get; set; }

    /// <summary>Timestamp-authority trust bundles by id.</summary>
    [JsonPropertyName("timestampauthorities")]
    public Dictionary<string, PolicyRoot>? TimestampAuthorities { get; set; }

    /// <summary>Public keys by id (conventionally the keyid).</summary>
    [JsonPropertyName("publickeys")]
    public Dictionary<string, PolicyPublicKey>? PublicKeys { get; set; }

    /// <summary>Steps by name.</summary>
    [JsonPropertyName("steps")]
    public Dictionary<string, PolicyStep>? Steps { get; set; }

    /// <summary>cilock-only external attestations by name.</summary>
    [JsonPropertyName("externalAttestations")]
    public Dictionary<string, ExternalAttestation>? ExternalAttestations { get; set; }
}

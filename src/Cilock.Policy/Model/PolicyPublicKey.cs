using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>A trusted public key: its keyid and base64 of its PEM (absent for KMS keyids).</summary>
public sealed class PolicyPublicKey
{
    /// <summary>The keyid; must equal the computed keyid of <see cref="Key"/> unless it is a KMS reference.</summary>
    [JsonPropertyName("keyid")]
    public string? KeyId { get; set; }

    /// <summary>base64 of the PEM public key.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }
}

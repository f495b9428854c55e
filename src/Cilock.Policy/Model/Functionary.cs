using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>Who may sign a step: a public key id, or a certificate constrained by <see cref="CertConstraint"/>.</summary>
public sealed class Functionary
{
    /// <summary><c>publickey</c> or <c>root</c> by convention; not checked (as upstream).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The keyid a signer must have.</summary>
    [JsonPropertyName("publickeyid")]
    public string? PublicKeyId { get; set; }

    /// <summary>Constraints for certificate signers.</summary>
    [JsonPropertyName("certConstraint")]
    public CertConstraint? CertConstraint { get; set; }
}

using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>A trust bundle: an anchor certificate (need not be self-signed) and optional intermediates.</summary>
public sealed class PolicyRoot
{
    /// <summary>base64 of the PEM anchor certificate.</summary>
    [JsonPropertyName("certificate")]
    public string? Certificate { get; set; }

    /// <summary>base64 of PEM intermediate certificates.</summary>
    [JsonPropertyName("intermediates")]
    public List<string>? Intermediates { get; set; }
}

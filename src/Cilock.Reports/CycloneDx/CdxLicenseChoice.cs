using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>One entry of <c>licenses</c>: an SPDX <c>expression</c>, or a named <c>license</c> (URL or file).</summary>
internal sealed class CdxLicenseChoice
{
    [JsonPropertyName("license")]
    public CdxLicense? License { get; init; }

    [JsonPropertyName("expression")]
    public string? Expression { get; init; }
}

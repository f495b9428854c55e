using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>A license known only by name and/or URL.</summary>
internal sealed class CdxLicense
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }
}

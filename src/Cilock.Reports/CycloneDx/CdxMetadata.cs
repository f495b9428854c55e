using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>CycloneDX <c>metadata</c>.</summary>
internal sealed class CdxMetadata
{
    /// <summary>ISO 8601 UTC, seconds precision.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("tools")]
    public required CdxTools Tools { get; init; }

    [JsonPropertyName("component")]
    public required CdxComponent Component { get; init; }
}

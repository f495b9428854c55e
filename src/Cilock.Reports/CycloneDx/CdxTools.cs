using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>CycloneDX 1.5+ <c>metadata.tools</c> object form (the array form is deprecated).</summary>
internal sealed class CdxTools
{
    [JsonPropertyName("components")]
    public required IReadOnlyList<CdxComponent> Components { get; init; }
}

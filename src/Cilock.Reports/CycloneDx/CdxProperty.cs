using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>A name/value property (we emit <c>cilock:targetFramework</c>, one per framework).</summary>
internal sealed record CdxProperty(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);

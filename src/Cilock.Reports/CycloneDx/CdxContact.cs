using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>An <c>organizationalContact</c> (component <c>authors</c>, new in 1.6).</summary>
internal sealed record CdxContact([property: JsonPropertyName("name")] string Name);

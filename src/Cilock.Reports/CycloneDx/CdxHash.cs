using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>A hash: <c>alg</c> (e.g. <c>SHA-512</c>) and lowercase hex <c>content</c>.</summary>
internal sealed record CdxHash(
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("content")] string Content);

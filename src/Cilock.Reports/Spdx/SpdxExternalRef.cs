using System.Text.Json.Serialization;

namespace Cilock.Reports.Spdx;

/// <summary>A package external reference; we emit <c>PACKAGE-MANAGER</c>/<c>purl</c>.</summary>
internal sealed record SpdxExternalRef(
    [property: JsonPropertyName("referenceCategory")] string ReferenceCategory,
    [property: JsonPropertyName("referenceType")] string ReferenceType,
    [property: JsonPropertyName("referenceLocator")] string ReferenceLocator);

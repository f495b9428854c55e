using System.Text.Json.Serialization;

namespace Cilock.Reports.Spdx;

/// <summary>An SPDX 2.3 JSON document: only the members we emit, <c>spdxVersion</c> first (format detection).</summary>
internal sealed class SpdxDocument
{
    [JsonPropertyName("spdxVersion")]
    public string SpdxVersion { get; init; } = "SPDX-2.3";

    [JsonPropertyName("dataLicense")]
    public string DataLicense { get; init; } = "CC0-1.0";

    [JsonPropertyName("SPDXID")]
    public string SpdxId { get; init; } = "SPDXRef-DOCUMENT";

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("documentNamespace")]
    public string? DocumentNamespace { get; set; }

    [JsonPropertyName("creationInfo")]
    public required SpdxCreationInfo CreationInfo { get; init; }

    [JsonPropertyName("packages")]
    public required IReadOnlyList<SpdxPackage> Packages { get; init; }

    [JsonPropertyName("files")]
    public IReadOnlyList<SpdxFile>? Files { get; init; }

    [JsonPropertyName("relationships")]
    public required IReadOnlyList<SpdxRelationship> Relationships { get; init; }
}

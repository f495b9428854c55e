using System.Text.Json.Serialization;

namespace Cilock.Reports.Spdx;

/// <summary>An SPDX file (a product file such as <c>./lib/net10.0/App.dll</c>); SPDX 2.3 requires a SHA-1.</summary>
internal sealed class SpdxFile
{
    [JsonPropertyName("fileName")]
    public required string FileName { get; init; }

    [JsonPropertyName("SPDXID")]
    public required string SpdxId { get; init; }

    [JsonPropertyName("checksums")]
    public required IReadOnlyList<SpdxChecksum> Checksums { get; init; }

    [JsonPropertyName("licenseConcluded")]
    public string LicenseConcluded { get; init; } = "NOASSERTION";

    [JsonPropertyName("copyrightText")]
    public string CopyrightText { get; init; } = "NOASSERTION";
}

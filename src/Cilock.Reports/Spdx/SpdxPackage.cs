using System.Text.Json.Serialization;

namespace Cilock.Reports.Spdx;

/// <summary>An SPDX package (the product, a NuGet package or a project reference).</summary>
internal sealed class SpdxPackage
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("SPDXID")]
    public required string SpdxId { get; init; }

    [JsonPropertyName("versionInfo")]
    public string? VersionInfo { get; init; }

    [JsonPropertyName("supplier")]
    public string? Supplier { get; init; }

    [JsonPropertyName("downloadLocation")]
    public string DownloadLocation { get; init; } = "NOASSERTION";

    [JsonPropertyName("filesAnalyzed")]
    public bool FilesAnalyzed { get; init; }

    [JsonPropertyName("checksums")]
    public IReadOnlyList<SpdxChecksum>? Checksums { get; init; }

    [JsonPropertyName("homepage")]
    public string? Homepage { get; init; }

    [JsonPropertyName("licenseConcluded")]
    public string LicenseConcluded { get; init; } = "NOASSERTION";

    [JsonPropertyName("licenseDeclared")]
    public string LicenseDeclared { get; init; } = "NOASSERTION";

    [JsonPropertyName("licenseComments")]
    public string? LicenseComments { get; init; }

    [JsonPropertyName("copyrightText")]
    public string CopyrightText { get; init; } = "NOASSERTION";

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("externalRefs")]
    public IReadOnlyList<SpdxExternalRef>? ExternalRefs { get; init; }

    [JsonPropertyName("primaryPackagePurpose")]
    public string? PrimaryPackagePurpose { get; init; }
}

namespace Cilock.Reports.Sbom;

/// <summary>One generated SBOM document.</summary>
/// <param name="Format">CycloneDX or SPDX.</param>
/// <param name="Extension">The conventional file suffix: <c>.cdx.json</c> or <c>.spdx.json</c>.</param>
/// <param name="Content">The UTF-8 JSON bytes (compact, format marker first).</param>
public sealed record SbomOutput(SbomFormats Format, string Extension, ReadOnlyMemory<byte> Content);

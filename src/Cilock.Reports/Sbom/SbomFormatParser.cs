using Cilock.Attestation.Diagnostics;

namespace Cilock.Reports.Sbom;

/// <summary>Parses <c>CilockSbomFormat</c> values.</summary>
public static class SbomFormatParser
{
    /// <summary><c>cyclonedx</c> (default when empty), <c>spdx</c> or <c>both</c>, case-insensitive.</summary>
    /// <exception cref="CilockException">CIL2101 for any other value.</exception>
    public static SbomFormats Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cyclonedx" or "cdx" => SbomFormats.CycloneDx,
        "spdx" => SbomFormats.Spdx,
        "both" => SbomFormats.Both,
        _ => throw new CilockException(SbomDiagnostics.InvalidProperty, $"CilockSbomFormat '{value}' is not supported; use 'cyclonedx', 'spdx' or 'both'"),
    };
}

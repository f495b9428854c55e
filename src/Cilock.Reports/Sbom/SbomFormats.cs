namespace Cilock.Reports.Sbom;

/// <summary>The SBOM document formats to generate (<c>CilockSbomFormat</c>).</summary>
[Flags]
public enum SbomFormats
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>CycloneDX 1.6 JSON (<c>.cdx.json</c>), the default.</summary>
    CycloneDx = 1,

    /// <summary>SPDX 2.3 JSON (<c>.spdx.json</c>).</summary>
    Spdx = 2,

    /// <summary>Both documents.</summary>
    Both = CycloneDx | Spdx,
}

namespace Cilock.Reports.Sbom;

/// <summary>The SBOM codes (CIL2100–CIL2129, SDK-side SBOM); each one is described in docs/diagnostics.md.</summary>
public static class SbomDiagnostics
{
    /// <summary>The NuGet assets file is missing, unreadable or not a restore graph, so no SBOM can be generated.</summary>
    public const string AssetsUnusable = "CIL2100";

    /// <summary>An SBOM property has an unsupported value (e.g. <c>CilockSbomFormat</c>).</summary>
    public const string InvalidProperty = "CIL2101";

    /// <summary>A package's .nuspec could not be read: its license, authors and description are left out.</summary>
    public const string NuspecUnreadable = "CIL2102";

    /// <summary>The SBOM file could not be written.</summary>
    public const string NotWritable = "CIL2103";

    /// <summary>A file given as an SBOM is unreadable or not a CycloneDX/SPDX JSON document.</summary>
    public const string NotAnSbom = "CIL2104";

    /// <summary>The standalone SBOM statement could not be signed or written.</summary>
    public const string ExportFailed = "CIL2105";

    /// <summary>A product file named in the SBOM could not be hashed.</summary>
    public const string ProductUnreadable = "CIL2106";
}

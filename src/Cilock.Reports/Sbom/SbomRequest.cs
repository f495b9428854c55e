namespace Cilock.Reports.Sbom;

/// <summary>What <see cref="SbomGenerator"/> needs: the restore graph and the product it describes.</summary>
public sealed record SbomRequest
{
    /// <summary>NuGet's <c>project.assets.json</c> of the project (all target frameworks).</summary>
    public required string AssetsFile { get; init; }

    /// <summary>The product's name (the package id).</summary>
    public required string Name { get; init; }

    /// <summary>The product's version (the package version).</summary>
    public required string Version { get; init; }

    /// <summary>The product's description.</summary>
    public string? Description { get; init; }

    /// <summary>The product's authors.</summary>
    public string? Authors { get; init; }

    /// <summary>The product's SPDX license expression.</summary>
    public string? LicenseExpression { get; init; }

    /// <summary>The product's files (assemblies per target framework), hashed into the root component.</summary>
    public IReadOnlyList<SbomProductFile> Files { get; init; } = [];

    /// <summary>The .nupkg, when the SBOM is made after packing; its SHA-256 becomes the root component's hash.</summary>
    public string? PackageFile { get; init; }

    /// <summary>The deterministic build time (git commit time); <c>null</c> leaves CycloneDX without a timestamp.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The generating tool's name.</summary>
    public string ToolName { get; init; } = "Cilock.Sdk";

    /// <summary>The generating tool's version.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The documents to generate.</summary>
    public SbomFormats Formats { get; init; } = SbomFormats.CycloneDx;
}

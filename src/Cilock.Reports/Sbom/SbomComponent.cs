namespace Cilock.Reports.Sbom;

/// <summary>A package or project reference of the product, format-neutral.</summary>
/// <param name="Library">The restore-graph library.</param>
/// <param name="Purl">Its package URL (also its CycloneDX bom-ref).</param>
/// <param name="Required"><c>true</c> when it flows to consumers in some target framework; <c>false</c> = development-only.</param>
/// <param name="Frameworks">Target frameworks whose graph contains it.</param>
/// <param name="DependsOn">Purls of what it depends on (union over target frameworks), sorted.</param>
/// <param name="Nuspec">Metadata from its nuspec (empty for projects).</param>
internal sealed record SbomComponent(
    AssetsLibrary Library,
    string Purl,
    bool Required,
    IReadOnlyList<string> Frameworks,
    IReadOnlyList<string> DependsOn,
    NuspecMetadata Nuspec)
{
    /// <summary>The SHA-512 NuGet recorded, as lowercase hex; <c>null</c> for projects.</summary>
    public string? Sha512Hex => Library.Sha512 is null ? null : Convert.ToHexStringLower(Convert.FromBase64String(Library.Sha512));
}

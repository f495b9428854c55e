namespace Cilock.Reports.Sbom;

/// <summary>
/// A package or project reference of the product, format-neutral. A library whose dependency subgraph differs
/// between target frameworks appears once per framework (same purl, its own <see cref="Ref"/>), so no edge is a
/// union over frameworks.
/// </summary>
/// <param name="Library">The restore-graph library.</param>
/// <param name="Ref">Its CycloneDX bom-ref: the purl, or <c>&lt;purl&gt;#&lt;tfm&gt;</c> for a per-framework variant.</param>
/// <param name="Purl">Its package URL.</param>
/// <param name="Required"><c>true</c> when it flows to consumers (in its framework, or in some framework when shared); <c>false</c> = development-only.</param>
/// <param name="Frameworks">Target frameworks this node stands for.</param>
/// <param name="DependsOn">Refs of what it depends on, sorted.</param>
/// <param name="Nuspec">Metadata from its nuspec (empty for projects).</param>
internal sealed record SbomComponent(
    AssetsLibrary Library,
    string Ref,
    string Purl,
    bool Required,
    IReadOnlyList<string> Frameworks,
    IReadOnlyList<string> DependsOn,
    NuspecMetadata Nuspec)
{
    /// <summary>The framework of a per-framework variant; <c>null</c> for a node shared by every framework.</summary>
    public string? Variant => Ref.Length > Purl.Length ? Frameworks[0] : null;

    /// <summary>The SHA-512 NuGet recorded, as lowercase hex; <c>null</c> for projects.</summary>
    public string? Sha512Hex => Library.Sha512 is null ? null : Convert.ToHexStringLower(Convert.FromBase64String(Library.Sha512));
}

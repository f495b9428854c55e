namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>One library of a NuGet restore graph (an entry of <c>project.assets.json</c> <c>libraries</c>).</summary>
/// <param name="Id">Package (or project) id, as restored.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="Type"><c>package</c> or <c>project</c>.</param>
/// <param name="Sha512">
/// The base64 SHA-512 NuGet recorded for the package. Kept as a plain field: <c>sha512</c> is not a digest name Go
/// products accept, so it must never become a digest-set key (spec statement-and-collection.md §5).
/// </param>
/// <param name="Path">Folder of the package relative to a package folder (lowercase id/version), or the project path.</param>
/// <param name="Dependencies">Declared dependencies (id → version range) in the restored target frameworks.</param>
/// <param name="TargetFrameworks">Target frameworks whose graph contains the library.</param>
public sealed record RestoredPackage(
    string Id,
    string Version,
    string Type,
    string? Sha512,
    string? Path,
    IReadOnlyDictionary<string, string> Dependencies,
    IReadOnlyList<string> TargetFrameworks);

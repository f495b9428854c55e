namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>The parts of a NuGet <c>project.assets.json</c> that evidence needs.</summary>
/// <param name="Path">Full path of the assets file that was read.</param>
/// <param name="Sha256">Hex SHA-256 of the assets file bytes.</param>
/// <param name="ProjectPath">The restored project (<c>project.restore.projectPath</c>), when present.</param>
/// <param name="PackageFolders">Package folders in restore order (global packages folder first).</param>
/// <param name="Libraries">Every library of the restore graph, sorted by id then version (ordinal, case-insensitive id).</param>
public sealed record ProjectAssets(
    string Path,
    string Sha256,
    string? ProjectPath,
    IReadOnlyList<string> PackageFolders,
    IReadOnlyList<RestoredPackage> Libraries)
{
    /// <summary>Every restore target (per framework, and per runtime when the project has runtime identifiers), in file order.</summary>
    public IReadOnlyList<RestoreTarget> Targets { get; init; } = [];

    /// <summary>The project's direct dependencies and project references per target framework.</summary>
    public IReadOnlyList<RestoreFramework> Frameworks { get; init; } = [];

    /// <summary>
    /// The <c>.nupkg</c> file of every restored package that exists in a package folder, in library order, so the
    /// material attestor can hash exactly what NuGet extracted.
    /// </summary>
    public IEnumerable<string> ExistingPackageFiles()
    {
        foreach (var library in Libraries.Where(l => l.Type == "package" && l.Path is not null))
        {
            var fileName = $"{library.Id}.{library.Version}.nupkg".ToLowerInvariant();
            foreach (var folder in PackageFolders)
            {
                var candidate = System.IO.Path.Combine(folder, library.Path!, fileName);
                if (File.Exists(candidate))
                {
                    yield return System.IO.Path.GetFullPath(candidate);
                    break;
                }
            }
        }
    }
}

using Cilock.Attestation.Attestors.DotNet;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Reports.Sbom;

/// <summary>
/// The SBOM's view of <c>project.assets.json</c>, per target framework: the libraries, the resolved edges (a
/// dependency's version range resolved to the version in the same target), the direct dependencies and whether each
/// one flows to consumers (<c>suppressParent</c>/<c>privateAssets</c> = all means development-only). The file is read
/// by the one assets reader (<see cref="ProjectAssetsReader"/>); this class resolves and checks what the SBOM needs.
/// </summary>
internal sealed class AssetsGraph
{
    private AssetsGraph(
        IReadOnlyList<AssetsLibrary> libraries,
        IReadOnlyList<string> packageFolders,
        IReadOnlyList<AssetsTarget> targets)
    {
        Libraries = libraries;
        PackageFolders = packageFolders;
        Targets = targets;
    }

    /// <summary>Every library (packages and projects), sorted by lowercase id then version.</summary>
    public IReadOnlyList<AssetsLibrary> Libraries { get; }

    /// <summary>Package folders in restore order (global packages folder first, then fallback folders).</summary>
    public IReadOnlyList<string> PackageFolders { get; }

    /// <summary>One entry per target (e.g. <c>net10.0</c>, <c>netstandard2.0</c>, <c>net10.0/linux-x64</c>).</summary>
    public IReadOnlyList<AssetsTarget> Targets { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="CilockException">CIL2100 when the file is missing, unreadable or not a restore graph.</exception>
    public static AssetsGraph Read(string path)
    {
        ProjectAssets assets;
        try
        {
            assets = ProjectAssetsReader.Read(path);
        }
        catch (CilockException e) when (e.Code == ProjectAssetsReader.InvalidAssetsFile)
        {
            // The reader's message names the file and the fix; the SBOM keeps its own code.
            throw new CilockException(SbomDiagnostics.AssetsUnusable, $"cannot generate the SBOM: {e.Message}", e);
        }

        return From(assets, path);
    }

    /// <summary>The graph of already-read assets; <paramref name="path"/> is only used in messages.</summary>
    /// <exception cref="CilockException">CIL2100 for a corrupt <c>sha512</c> or a target naming an unknown library.</exception>
    public static AssetsGraph From(ProjectAssets assets, string path)
    {
        var libraries = new List<AssetsLibrary>();
        var byKey = new Dictionary<string, AssetsLibrary>(StringComparer.Ordinal);
        foreach (var library in assets.Libraries)
        {
            if (library.Sha512 is not null && !IsBase64(library.Sha512))
            {
                // Checked now, so a corrupt value is a coded error here and not a crash while writing the hash.
                throw Invalid(path, $"package '{library.Id}/{library.Version}' has a 'sha512' that is not base64");
            }

            var entry = new AssetsLibrary(library.Id, library.Version, library.Type == "project", library.Sha512, library.Path);
            if (byKey.TryAdd(entry.Key, entry))
            {
                libraries.Add(entry);
            }
        }

        libraries.Sort((a, b) =>
        {
            var byId = StringComparer.Ordinal.Compare(a.Id.ToLowerInvariant(), b.Id.ToLowerInvariant());
            return byId != 0 ? byId : StringComparer.Ordinal.Compare(a.Version, b.Version);
        });

        var targets = assets.Targets.Select(t => ReadTarget(t, assets, byKey, path)).ToList();
        return new AssetsGraph(libraries, assets.PackageFolders, targets);
    }

    private static AssetsTarget ReadTarget(RestoreTarget target, ProjectAssets assets, Dictionary<string, AssetsLibrary> libraries, string path)
    {
        // id (lowercase) -> key of the library with that id in this target: resolves dependency ranges.
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in target.Libraries)
        {
            var key = AssetsLibrary.KeyOf(entry.Id, entry.Version);
            if (!libraries.ContainsKey(key))
            {
                throw Invalid(path, $"target '{target.Name}' names '{entry.Id}/{entry.Version}', which is not in 'libraries'");
            }

            resolved[entry.Id.ToLowerInvariant()] = key;
        }

        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var entry in target.Libraries)
        {
            // A dependency missing from the target was not restored for it (e.g. excluded): no edge.
            edges[AssetsLibrary.KeyOf(entry.Id, entry.Version)] = new SortedSet<string>(
                entry.DependencyIds.Select(id => resolved.GetValueOrDefault(id.ToLowerInvariant())).OfType<string>(),
                StringComparer.Ordinal);
        }

        // project.frameworks is keyed by target alias; targets by framework short name (+ "/rid").
        var framework = target.Name.Split('/')[0];
        var direct = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        var declared = assets.Frameworks.FirstOrDefault(f => f.Describes(framework) && f.Dependencies.Count > 0);
        foreach (var dependency in declared?.Dependencies ?? [])
        {
            if ((dependency.Target is null || dependency.Target == "Package") && resolved.TryGetValue(dependency.Id.ToLowerInvariant(), out var key))
            {
                direct[key] = IsAll(dependency.SuppressParent);
            }
        }

        var referencing = assets.Frameworks.FirstOrDefault(f => f.Describes(framework) && f.ProjectReferences.Count > 0);
        var projects = libraries.Values.Where(l => l.IsProject && resolved.ContainsValue(l.Key)).ToList();
        if (referencing is not null && assets.ProjectPath is not null)
        {
            var projectDirectory = System.IO.Path.GetDirectoryName(assets.ProjectPath) ?? "";
            foreach (var reference in referencing.ProjectReferences)
            {
                var full = Normalize(reference.Path);
                // Same full path; else the same project file name (the restore may have seen the path through a link).
                var library = projects.Where(l => l.Path is not null).FirstOrDefault(l => Normalize(System.IO.Path.Combine(projectDirectory, l.Path!)) == full)
                    ?? projects.Where(l => l.Path is not null).SingleOrDefault(l => string.Equals(System.IO.Path.GetFileName(l.Path!.Replace('\\', '/')), System.IO.Path.GetFileName(full), StringComparison.OrdinalIgnoreCase));
                if (library is not null)
                {
                    direct[library.Key] = IsAll(reference.PrivateAssets);
                }
            }
        }
        else
        {
            // Without restore metadata every project in the target is taken as a direct, flowing reference.
            foreach (var library in projects)
            {
                direct.TryAdd(library.Key, false);
            }
        }

        return new AssetsTarget(target.Name, edges, direct);
    }

    private static bool IsBase64(string value) => System.Convert.TryFromBase64String(value, new byte[(value.Length / 4 * 3) + 3], out _);

    private static bool IsAll(string? assets) =>
        assets is not null && assets.Split([',', ';'], StringSplitOptions.TrimEntries).Any(a => a.Equals("all", StringComparison.OrdinalIgnoreCase));

    private static string Normalize(string path) => System.IO.Path.GetFullPath(path).Replace('\\', '/');

    private static CilockException Invalid(string path, string reason) =>
        new(SbomDiagnostics.AssetsUnusable, $"cannot generate the SBOM from the NuGet assets file '{path}': {reason}");
}

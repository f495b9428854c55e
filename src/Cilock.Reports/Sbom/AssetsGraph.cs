using System.Text.Json;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Reports.Sbom;

/// <summary>
/// The parts of <c>project.assets.json</c> an SBOM needs, per target framework: the libraries, the resolved edges
/// (a dependency's version range resolved to the version in the same target), the direct dependencies and whether
/// each one flows to consumers (<c>suppressParent</c>/<c>privateAssets</c> = all means development-only).
/// Read with <see cref="JsonDocument"/> only; nothing here is tied to the dotnet attestor's model.
/// </summary>
internal sealed class AssetsGraph
{
    private const long MaxBytes = 256L * 1024 * 1024;

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
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw Invalid(path, "the file does not exist; run 'dotnet restore'");
            }

            if (info.Length > MaxBytes)
            {
                throw Invalid(path, $"the file is larger than {MaxBytes} bytes");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(path, e.Message, e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses assets JSON; <paramref name="path"/> is only used in messages.</summary>
    public static AssetsGraph Parse(ReadOnlyMemory<byte> bytes, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 128 });
            return Parse(document.RootElement, path);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not valid JSON ({e.Message}); delete it and run 'dotnet restore'", e);
        }
        catch (InvalidOperationException e)
        {
            // JsonElement accessors throw this for a member of the wrong kind.
            throw Invalid(path, $"it is not a NuGet restore graph ({e.Message}); delete it and run 'dotnet restore'", e);
        }
        catch (FormatException e)
        {
            throw Invalid(path, $"it is not a NuGet restore graph ({e.Message}); delete it and run 'dotnet restore'", e);
        }
    }

    private static AssetsGraph Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "the top level is not a JSON object");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() < 3)
        {
            throw Invalid(path, "it has no supported 'version' (3 or later expected)");
        }

        var libraries = new List<AssetsLibrary>();
        var byKey = new Dictionary<string, AssetsLibrary>(StringComparer.Ordinal);
        foreach (var library in RequireObject(root, "libraries", path).EnumerateObject())
        {
            var (id, libraryVersion) = SplitName(library.Name, path);
            if (library.Value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"library '{library.Name}' is not an object");
            }

            var type = String(library.Value, "type") ?? "package";
            var sha512 = String(library.Value, "sha512");
            if (type == "package" && string.IsNullOrEmpty(sha512))
            {
                throw Invalid(path, $"package '{library.Name}' has no sha512");
            }

            if (sha512 is not null)
            {
                // Validates the base64 now, so a corrupt value is a coded error here and not a crash later.
                _ = Convert.FromBase64String(sha512);
            }

            var entry = new AssetsLibrary(id, libraryVersion, type == "project", sha512, String(library.Value, "path"));
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

        var project = root.TryGetProperty("project", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var projectPath = project.ValueKind == JsonValueKind.Object && project.TryGetProperty("restore", out var restore) && restore.ValueKind == JsonValueKind.Object
            ? String(restore, "projectPath")
            : null;

        var targets = new List<AssetsTarget>();
        foreach (var target in RequireObject(root, "targets", path).EnumerateObject())
        {
            if (target.Value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"target '{target.Name}' is not an object");
            }

            targets.Add(ReadTarget(target.Name, target.Value, project, projectPath, byKey, path));
        }

        var folders = new List<string>();
        if (root.TryGetProperty("packageFolders", out var packageFolders) && packageFolders.ValueKind == JsonValueKind.Object)
        {
            folders.AddRange(packageFolders.EnumerateObject().Select(f => f.Name));
        }

        return new AssetsGraph(libraries, folders, targets);
    }

    private static AssetsTarget ReadTarget(
        string name, JsonElement target, JsonElement project, string? projectPath, Dictionary<string, AssetsLibrary> libraries, string path)
    {
        // id (lowercase) -> key of the library with that id in this target: resolves dependency ranges.
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in target.EnumerateObject())
        {
            var (id, version) = SplitName(entry.Name, path);
            var key = AssetsLibrary.KeyOf(id, version);
            if (!libraries.ContainsKey(key))
            {
                throw Invalid(path, $"target '{name}' names '{entry.Name}', which is not in 'libraries'");
            }

            resolved[id.ToLowerInvariant()] = key;
        }

        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var entry in target.EnumerateObject())
        {
            var (id, version) = SplitName(entry.Name, path);
            var from = AssetsLibrary.KeyOf(id, version);
            var to = new SortedSet<string>(StringComparer.Ordinal);
            if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("dependencies", out var dependencies)
                && dependencies.ValueKind == JsonValueKind.Object)
            {
                foreach (var dependency in dependencies.EnumerateObject())
                {
                    // A dependency missing from the target was not restored for it (e.g. excluded): no edge.
                    if (resolved.TryGetValue(dependency.Name.ToLowerInvariant(), out var key))
                    {
                        to.Add(key);
                    }
                }
            }

            edges[from] = to;
        }

        var framework = FindFramework(name, project);
        var direct = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        if (framework.Dependencies.ValueKind == JsonValueKind.Object)
        {
            foreach (var dependency in framework.Dependencies.EnumerateObject())
            {
                if (dependency.Value.ValueKind == JsonValueKind.Object && String(dependency.Value, "target") is { } kind && kind != "Package")
                {
                    continue;
                }

                if (resolved.TryGetValue(dependency.Name.ToLowerInvariant(), out var key))
                {
                    var suppress = dependency.Value.ValueKind == JsonValueKind.Object ? String(dependency.Value, "suppressParent") : null;
                    direct[key] = IsAll(suppress);
                }
            }
        }

        if (framework.ProjectReferences.ValueKind == JsonValueKind.Object && projectPath is not null)
        {
            var projectDirectory = System.IO.Path.GetDirectoryName(projectPath) ?? "";
            var projects = libraries.Values.Where(l => l.IsProject && l.Path is not null && resolved.ContainsValue(l.Key)).ToList();
            foreach (var reference in framework.ProjectReferences.EnumerateObject())
            {
                var full = Normalize(reference.Name);
                // Same full path; else the same project file name (the restore may have seen the path through a link).
                var library = projects.FirstOrDefault(l => Normalize(System.IO.Path.Combine(projectDirectory, l.Path!)) == full)
                    ?? projects.SingleOrDefault(l => string.Equals(System.IO.Path.GetFileName(l.Path!.Replace('\\', '/')), System.IO.Path.GetFileName(full), StringComparison.OrdinalIgnoreCase));
                if (library is not null)
                {
                    var privateAssets = reference.Value.ValueKind == JsonValueKind.Object ? String(reference.Value, "privateAssets") : null;
                    direct[library.Key] = IsAll(privateAssets);
                }
            }
        }
        else
        {
            // Without restore metadata every project in the target is taken as a direct, flowing reference.
            foreach (var library in libraries.Values.Where(l => l.IsProject && resolved.ContainsValue(l.Key)))
            {
                direct.TryAdd(library.Key, false);
            }
        }

        return new AssetsTarget(name, edges, direct);
    }

    // project.frameworks is keyed by target alias; targets by framework short name (+ "/rid").
    private static (JsonElement Dependencies, JsonElement ProjectReferences) FindFramework(string targetName, JsonElement project)
    {
        if (project.ValueKind != JsonValueKind.Object)
        {
            return (default, default);
        }

        var framework = targetName.Split('/')[0];
        JsonElement dependencies = default, references = default;
        if (project.TryGetProperty("frameworks", out var frameworks) && frameworks.ValueKind == JsonValueKind.Object)
        {
            foreach (var f in frameworks.EnumerateObject())
            {
                if (Matches(f, framework) && f.Value.ValueKind == JsonValueKind.Object && f.Value.TryGetProperty("dependencies", out var d))
                {
                    dependencies = d;
                    break;
                }
            }
        }

        if (project.TryGetProperty("restore", out var restore) && restore.ValueKind == JsonValueKind.Object
            && restore.TryGetProperty("frameworks", out var restoreFrameworks) && restoreFrameworks.ValueKind == JsonValueKind.Object)
        {
            foreach (var f in restoreFrameworks.EnumerateObject())
            {
                if (Matches(f, framework) && f.Value.ValueKind == JsonValueKind.Object && f.Value.TryGetProperty("projectReferences", out var r))
                {
                    references = r;
                    break;
                }
            }
        }

        return (dependencies, references);
    }

    private static bool Matches(JsonProperty framework, string targetFramework) =>
        string.Equals(framework.Name, targetFramework, StringComparison.OrdinalIgnoreCase)
        || (framework.Value.ValueKind == JsonValueKind.Object
            && string.Equals(String(framework.Value, "framework"), targetFramework, StringComparison.OrdinalIgnoreCase));

    private static bool IsAll(string? assets) =>
        assets is not null && assets.Split([',', ';'], StringSplitOptions.TrimEntries).Any(a => a.Equals("all", StringComparison.OrdinalIgnoreCase));

    private static string Normalize(string path) => System.IO.Path.GetFullPath(path).Replace('\\', '/');

    private static (string Id, string Version) SplitName(string name, string path)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == name.Length - 1
            ? throw Invalid(path, $"library '{name}' is not of the form 'id/version'")
            : (name[..slash], name[(slash + 1)..]);
    }

    private static JsonElement RequireObject(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw Invalid(path, $"it has no '{name}' object");

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static CilockException Invalid(string path, string reason, Exception? inner = null) =>
        new(SbomDiagnostics.AssetsUnusable, $"cannot generate the SBOM from the NuGet assets file '{path}': {reason}", inner);
}

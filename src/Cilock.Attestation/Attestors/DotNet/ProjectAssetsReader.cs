using System.Security.Cryptography;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Attestors.DotNet;

/// <summary>
/// Reads NuGet's <c>project.assets.json</c> (lock file format version 3) into <see cref="ProjectAssets"/>: the one
/// assets reader, serving both the merged view (materials, the dotnet attestor) and the per-target view (the SBOM's
/// graph: <see cref="ProjectAssets.Targets"/>, <see cref="ProjectAssets.Frameworks"/>).
/// </summary>
public static class ProjectAssetsReader
{
    /// <summary>Code raised when the assets file cannot be read or is not a valid restore graph.</summary>
    public const string InvalidAssetsFile = "CIL2003";

    // Real assets files of large solutions reach tens of MB; anything far beyond is not an assets file.
    private const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    /// <exception cref="CilockException">CIL2003 when the file is missing, unreadable, or not a restore graph.</exception>
    public static ProjectAssets Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
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

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 128 });
            return Parse(Path.GetFullPath(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), document.RootElement);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not valid JSON ({e.Message}); delete it and run 'dotnet restore'", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // JsonElement accessors throw these for a member of the wrong kind (a number where an object belongs) or
            // out of range (a version of 3.5).
            throw Invalid(path, $"it is not a NuGet restore graph ({e.Message}); delete it and run 'dotnet restore'", e);
        }
    }

    private static ProjectAssets Parse(string path, string sha256, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "the top level is not a JSON object");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() < 3)
        {
            throw Invalid(path, "it has no supported 'version' (3 or later expected)");
        }

        var libraries = RequireObject(root, "libraries", path);
        var targets = RequireObject(root, "targets", path);

        // Which target frameworks (targets keys such as "net10.0" or "net10.0/linux-x64") contain each library,
        // and the dependencies declared there.
        var frameworks = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        var dependencies = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var restoreTargets = new List<RestoreTarget>();
        foreach (var target in targets.EnumerateObject())
        {
            if (target.Value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"target '{target.Name}' is not an object");
            }

            var entries = new List<RestoreTargetLibrary>();
            foreach (var entry in target.Value.EnumerateObject())
            {
                var (entryId, entryVersion) = SplitName(entry.Name, path);
                entries.Add(new RestoreTargetLibrary(
                    entryId,
                    entryVersion,
                    entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("dependencies", out var ids) && ids.ValueKind == JsonValueKind.Object
                        ? [.. ids.EnumerateObject().Select(d => d.Name)]
                        : []));

                GetOrAdd(frameworks, entry.Name, () => new SortedSet<string>(StringComparer.Ordinal)).Add(target.Name);
                var deps = GetOrAdd(dependencies, entry.Name, () => new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase));
                if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("dependencies", out var d) && d.ValueKind == JsonValueKind.Object)
                {
                    foreach (var dep in d.EnumerateObject())
                    {
                        deps[dep.Name] = dep.Value.ValueKind == JsonValueKind.String ? dep.Value.GetString()! : dep.Value.GetRawText();
                    }
                }
            }

            restoreTargets.Add(new RestoreTarget(target.Name, entries));
        }

        var result = new List<RestoredPackage>();
        foreach (var library in libraries.EnumerateObject())
        {
            var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == library.Name.Length - 1 || library.Value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"library '{library.Name}' is not of the form 'id/version' with an object value");
            }

            var type = OptionalString(library.Value, "type") ?? "package";
            var sha512 = OptionalString(library.Value, "sha512");
            if (type == "package" && string.IsNullOrEmpty(sha512))
            {
                throw Invalid(path, $"package '{library.Name}' has no sha512");
            }

            result.Add(new RestoredPackage(
                library.Name[..slash],
                library.Name[(slash + 1)..],
                type,
                sha512,
                OptionalString(library.Value, "path"),
                dependencies.TryGetValue(library.Name, out var deps) ? deps : new SortedDictionary<string, string>(),
                frameworks.TryGetValue(library.Name, out var tfms) ? [.. tfms] : []));
        }

        result.Sort((a, b) =>
        {
            var byId = StringComparer.OrdinalIgnoreCase.Compare(a.Id, b.Id);
            return byId != 0 ? byId : StringComparer.Ordinal.Compare(a.Version, b.Version);
        });

        var folders = new List<string>();
        if (root.TryGetProperty("packageFolders", out var packageFolders) && packageFolders.ValueKind == JsonValueKind.Object)
        {
            folders.AddRange(packageFolders.EnumerateObject().Select(f => f.Name));
        }

        string? projectPath = null;
        var project = root.TryGetProperty("project", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (project.ValueKind == JsonValueKind.Object && project.TryGetProperty("restore", out var restore) && restore.ValueKind == JsonValueKind.Object)
        {
            projectPath = OptionalString(restore, "projectPath");
        }

        return new ProjectAssets(path, sha256, projectPath, folders, result) { Targets = restoreTargets, Frameworks = ReadFrameworks(project) };
    }

    // project.frameworks (dependencies) and project.restore.frameworks (projectReferences), joined by alias.
    private static List<RestoreFramework> ReadFrameworks(JsonElement project)
    {
        var aliases = new List<string>();
        var declared = new Dictionary<string, (string? Framework, List<RestoreDependency> Dependencies)>(StringComparer.Ordinal);
        var references = new Dictionary<string, (string? Framework, List<RestoreProjectReference> References)>(StringComparer.Ordinal);
        if (project.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        foreach (var framework in Objects(project, "frameworks"))
        {
            var list = new List<RestoreDependency>();
            foreach (var dependency in Objects(framework.Value, "dependencies"))
            {
                list.Add(dependency.Value.ValueKind == JsonValueKind.Object
                    ? new RestoreDependency(dependency.Name, OptionalString(dependency.Value, "target"), OptionalString(dependency.Value, "suppressParent"))
                    : new RestoreDependency(dependency.Name, null, null));
            }

            declared.TryAdd(framework.Name, (OptionalString(framework.Value, "framework"), list));
            aliases.Add(framework.Name);
        }

        if (project.TryGetProperty("restore", out var restore) && restore.ValueKind == JsonValueKind.Object)
        {
            foreach (var framework in Objects(restore, "frameworks"))
            {
                var list = Objects(framework.Value, "projectReferences")
                    .Select(r => new RestoreProjectReference(r.Name, r.Value.ValueKind == JsonValueKind.Object ? OptionalString(r.Value, "privateAssets") : null))
                    .ToList();
                references.TryAdd(framework.Name, (OptionalString(framework.Value, "framework"), list));
                aliases.Add(framework.Name);
            }
        }

        return [.. aliases.Distinct(StringComparer.Ordinal).Select(alias =>
        {
            var d = declared.GetValueOrDefault(alias);
            var r = references.GetValueOrDefault(alias);
            return new RestoreFramework(alias, d.Framework ?? r.Framework, d.Dependencies ?? [], r.References ?? []);
        })];
    }

    // The members of obj[name] when it is an object; nothing otherwise (these sections are optional).
    private static IEnumerable<JsonProperty> Objects(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject()
            : [];

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

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TValue GetOrAdd<TValue>(Dictionary<string, TValue> map, string key, Func<TValue> create)
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = create();
            map[key] = value;
        }

        return value;
    }

    private static CilockException Invalid(string path, string reason, Exception? inner = null) =>
        new(InvalidAssetsFile, $"cannot read the NuGet assets file '{path}': {reason}", inner);
}

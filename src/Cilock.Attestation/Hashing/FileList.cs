namespace Cilock.Attestation.Hashing;

/// <summary>
/// An explicit list of files to record instead of walking a tree (the MSBuild SDK records <c>@(Compile)</c>,
/// <c>@(ReferencePath)</c> and the like). Naming rule, so evidence is stable across machines:
/// a file under <see cref="BaseDirectory"/> is named by its relative forward-slash path (<c>src/Program.cs</c>);
/// otherwise a file under one of <see cref="NamedRoots"/> is named <c>&lt;prefix&gt;:&lt;relative path&gt;</c>
/// (e.g. <c>nuget:newtonsoft.json/13.0.3/lib/net6.0/Newtonsoft.Json.dll</c>, <c>sdk:packs/…/System.Runtime.dll</c>);
/// any other file is named by its full path with forward slashes.
/// </summary>
/// <param name="BaseDirectory">The folder names are relative to (usually the project folder).</param>
/// <param name="Files">Full (or base-relative) paths of the files.</param>
public sealed record FileList(string BaseDirectory, IReadOnlyList<string> Files)
{
    /// <summary>Prefix (without the colon, e.g. <c>nuget</c>) → root folder for files outside the base directory; the first match wins.</summary>
    public IReadOnlyDictionary<string, string> NamedRoots { get; init; } = new Dictionary<string, string>();

    /// <summary>Each file's full path and recorded name, duplicates (by name) removed.</summary>
    public IReadOnlyList<(string FullPath, string Name)> Resolve()
    {
        var baseDir = Path.GetFullPath(BaseDirectory);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, string)>();
        foreach (var file in Files)
        {
            var full = Path.GetFullPath(file, baseDir);
            var name = NameOf(full, baseDir);
            if (seen.Add(name))
            {
                result.Add((full, name));
            }
        }

        return result;
    }

    private string NameOf(string full, string baseDir)
    {
        if (TryRelative(baseDir, full, out var relative))
        {
            return relative;
        }

        foreach (var (prefix, root) in NamedRoots)
        {
            if (TryRelative(Path.GetFullPath(root), full, out var underRoot))
            {
                return $"{prefix}:{underRoot}";
            }
        }

        return full.Replace('\\', '/');
    }

    private static bool TryRelative(string root, string full, out string relative)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (full.StartsWith(trimmed + Path.DirectorySeparatorChar, comparison))
        {
            relative = full[(trimmed.Length + 1)..].Replace('\\', '/');
            return true;
        }

        relative = "";
        return false;
    }
}

using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Reports.Sbom;

/// <summary>
/// The format-neutral content of an SBOM: the product (root) and every library of the restore graph. Scope rule:
/// a library is <em>required</em> when it is reachable, in some target framework, from a direct dependency that
/// flows to consumers; everything else (reachable only through <c>PrivateAssets="all"</c> references such as
/// analyzers, SourceLink or the implicit NETStandard.Library) is development-only.
/// </summary>
internal sealed record SbomInventory(
    SbomRequest Request,
    string RootPurl,
    IReadOnlyList<SbomComponent> Components,
    IReadOnlyList<string> RootDependsOn,
    IReadOnlyList<SbomHashedFile> Files,
    string? PackageSha256)
{
    public static SbomInventory Build(SbomRequest request, ICollection<Diagnostic> diagnostics)
    {
        var graph = AssetsGraph.Read(request.AssetsFile);
        return Build(request, graph, diagnostics);
    }

    public static SbomInventory Build(SbomRequest request, AssetsGraph graph, ICollection<Diagnostic> diagnostics)
    {
        var purls = graph.Libraries.ToDictionary(l => l.Key, l => Purl.NuGet(l.Id, l.Version), StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var frameworks = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var dependsOn = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var direct = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var target in graph.Targets)
        {
            required.UnionWith(target.Required());
            foreach (var (key, edges) in target.Edges)
            {
                GetOrAdd(frameworks, key).Add(target.Framework);
                GetOrAdd(dependsOn, key).UnionWith(edges.Select(e => purls[e]));
            }

            direct.UnionWith(target.Direct.Keys.Select(k => purls[k]));
        }

        var components = graph.Libraries.Select(library => new SbomComponent(
            library,
            purls[library.Key],
            required.Contains(library.Key),
            frameworks.TryGetValue(library.Key, out var f) ? [.. f] : [],
            dependsOn.TryGetValue(library.Key, out var d) ? [.. d] : [],
            library.IsProject ? NuspecMetadata.Empty : NuspecReader.Find(library, graph.PackageFolders, diagnostics))).ToList();

        var files = request.Files
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .DistinctBy(f => f.Name)
            .Select(f => Hash(f.Name, f.Path))
            .ToList();
        var packageSha = request.PackageFile is null ? null : Hash(Path.GetFileName(request.PackageFile), request.PackageFile).Sha256;
        return new SbomInventory(request, Purl.NuGet(request.Name, request.Version), components, [.. direct], files, packageSha);
    }

    private static SbomHashedFile Hash(string name, string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var sha256 = SHA256.HashData(stream);
            stream.Position = 0;
            // SPDX 2.3 requires a SHA-1 checksum on every file; it identifies, it is not a security control here.
#pragma warning disable CA5350
            var sha1 = SHA1.HashData(stream);
#pragma warning restore CA5350
            return new SbomHashedFile(name.Replace('\\', '/'), Convert.ToHexStringLower(sha256), Convert.ToHexStringLower(sha1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(SbomDiagnostics.ProductUnreadable, $"cannot hash the product file '{name}' for the SBOM: {e.Message}", e);
        }
    }

    private static SortedSet<string> GetOrAdd(Dictionary<string, SortedSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            map[key] = set;
        }

        return set;
    }
}

using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Reports.Sbom;

/// <summary>
/// The format-neutral content of an SBOM: the product (root), its target frameworks and every library of the
/// restore graph. Scope rule: a library is <em>required</em> when it is reachable from a direct dependency that flows
/// to consumers; everything else (reachable only through <c>PrivateAssets="all"</c> references such as analyzers,
/// SourceLink or the implicit <c>NETStandard.Library</c>) is development-only.
/// <para>
/// Graph shape (docs/sbom.md): a single-framework product depends on its direct references. A multi-targeted product
/// depends on one node per framework (<see cref="Frameworks"/>), and each of those on exactly that framework's direct
/// references. A library whose reachable subgraph is the same in every framework is one shared node; otherwise it
/// gets one node per framework (<c>&lt;purl&gt;#&lt;tfm&gt;</c>), and so do its dependents, so every edge holds in the
/// framework(s) of its node and none is a union. Runtime-specific targets (<c>net10.0/linux-x64</c>) are merged into
/// their framework.
/// </para>
/// </summary>
internal sealed record SbomInventory(
    SbomRequest Request,
    string RootPurl,
    IReadOnlyList<SbomComponent> Components,
    IReadOnlyList<string> RootDependsOn,
    IReadOnlyList<SbomFramework> Frameworks,
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
        var rootPurl = Purl.NuGet(request.Name, request.Version);
        var purls = graph.Libraries.ToDictionary(l => l.Key, l => Purl.NuGet(l.Id, l.Version), StringComparer.Ordinal);
        var targets = ByFramework(graph.Targets);
        var multi = targets.Count > 1;

        // A library is split when its reachable subgraph differs between the frameworks that contain it.
        var signatures = targets.ToDictionary(t => t.Name, Signatures, StringComparer.Ordinal);
        var split = new HashSet<string>(StringComparer.Ordinal);
        if (multi)
        {
            foreach (var library in graph.Libraries)
            {
                if (targets.Where(t => t.Edges.ContainsKey(library.Key)).Select(t => signatures[t.Name][library.Key]).Distinct(StringComparer.Ordinal).Skip(1).Any())
                {
                    split.Add(library.Key);
                }
            }
        }

        string RefOf(string key, string framework) => split.Contains(key) ? $"{purls[key]}#{framework}" : purls[key];

        var requiredIn = targets.ToDictionary(t => t.Name, t => t.Required(), StringComparer.Ordinal);
        var requiredAnywhere = new HashSet<string>(requiredIn.Values.SelectMany(r => r), StringComparer.Ordinal);
        var components = new List<SbomComponent>();
        foreach (var library in graph.Libraries)
        {
            var nuspec = library.IsProject ? NuspecMetadata.Empty : NuspecReader.Find(library, graph.PackageFolders, diagnostics);
            var containing = targets.Where(t => t.Edges.ContainsKey(library.Key)).ToList();
            if (split.Contains(library.Key))
            {
                components.AddRange(containing.Select(t => new SbomComponent(
                    library,
                    RefOf(library.Key, t.Name),
                    purls[library.Key],
                    requiredIn[t.Name].Contains(library.Key),
                    [t.Name],
                    [.. t.Edges[library.Key].Select(e => RefOf(e, t.Name)).Order(StringComparer.Ordinal)],
                    nuspec)));
            }
            else
            {
                // Same subgraph everywhere, so its dependencies are shared nodes too: the union is each framework's set.
                var dependsOn = new SortedSet<string>(containing.SelectMany(t => t.Edges[library.Key].Select(e => RefOf(e, t.Name))), StringComparer.Ordinal);
                components.Add(new SbomComponent(
                    library, purls[library.Key], purls[library.Key], requiredAnywhere.Contains(library.Key), [.. containing.Select(t => t.Name)], [.. dependsOn], nuspec));
            }
        }

        var required = components.ToDictionary(c => c.Ref, c => c.Required, StringComparer.Ordinal);
        var files = request.Files
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .DistinctBy(f => f.Name)
            .Select(f => Hash(f.Name, f.Path))
            .ToList();
        var packageSha = request.PackageFile is null ? null : Hash(Path.GetFileName(request.PackageFile), request.PackageFile).Sha256;

        if (!multi)
        {
            var direct = targets.SelectMany(t => t.Direct.Keys).Select(k => purls[k]).Order(StringComparer.Ordinal).ToList();
            return new SbomInventory(request, rootPurl, components, direct, [], files, packageSha);
        }

        var frameworks = targets.Select(t =>
        {
            var own = files.Where(f => FrameworkOf(f.Name) is { } tfm && string.Equals(tfm, t.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            var direct = new SortedDictionary<string, bool>(StringComparer.Ordinal);
            foreach (var key in t.Direct.Keys)
            {
                var reference = RefOf(key, t.Name);
                direct[reference] = required[reference];
            }

            return new SbomFramework(t.Name, $"{rootPurl}#{t.Name}", direct, own, Assembly(own, request.Name));
        }).ToList();
        var rootFiles = files.Where(f => !frameworks.Any(fw => fw.Files.Contains(f))).ToList();
        return new SbomInventory(request, rootPurl, components, [.. frameworks.Select(f => f.Ref)], frameworks, rootFiles, packageSha);
    }

    // One graph per framework, ordinal order; a framework's runtime-specific targets add their edges to it.
    private static List<AssetsTarget> ByFramework(IReadOnlyList<AssetsTarget> targets) =>
        [.. targets
            .GroupBy(t => t.Framework, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
                var direct = new SortedDictionary<string, bool>(StringComparer.Ordinal);
                foreach (var target in g.OrderBy(t => t.Name.Length))
                {
                    foreach (var (key, next) in target.Edges)
                    {
                        if (!edges.TryGetValue(key, out var set))
                        {
                            set = new SortedSet<string>(StringComparer.Ordinal);
                            edges[key] = set;
                        }

                        set.UnionWith(next);
                    }

                    foreach (var (key, development) in target.Direct)
                    {
                        direct.TryAdd(key, development);
                    }
                }

                return new AssetsTarget(g.Key, edges, direct);
            })];

    // A content hash of each library's reachable subgraph: equal in two frameworks exactly when the same edges hang
    // below it, so it can be one shared node.
    private static Dictionary<string, string> Signatures(AssetsTarget target)
    {
        var memo = new Dictionary<string, string>(StringComparer.Ordinal);
        var active = new HashSet<string>(StringComparer.Ordinal);
        string Of(string key)
        {
            if (memo.TryGetValue(key, out var known))
            {
                return known;
            }

            if (!active.Add(key))
            {
                // NuGet refuses cyclic graphs; a hand-made cycle is cut here (at worst a node is split needlessly).
                return key;
            }

            var text = new StringBuilder(key);
            if (target.Edges.TryGetValue(key, out var next))
            {
                foreach (var child in next)
                {
                    text.Append('\n').Append(Of(child));
                }
            }

            active.Remove(key);
            var signature = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
            memo[key] = signature;
            return signature;
        }

        foreach (var key in target.Edges.Keys)
        {
            Of(key);
        }

        return memo;
    }

    // "lib/net10.0/App.dll" -> "net10.0".
    private static string? FrameworkOf(string name)
    {
        var parts = name.Split('/');
        return parts.Length >= 3 ? parts[1] : null;
    }

    // The framework's assembly: its only .dll/.exe, else the one named after the package.
    private static string? Assembly(IReadOnlyList<SbomHashedFile> files, string name)
    {
        var assemblies = files.Where(f => f.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)).ToList();
        return assemblies.Count == 1
            ? assemblies[0].Sha256
            : assemblies.FirstOrDefault(f => string.Equals(Path.GetFileNameWithoutExtension(f.Name[(f.Name.LastIndexOf('/') + 1)..]), name, StringComparison.OrdinalIgnoreCase))?.Sha256;
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
}

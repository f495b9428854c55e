using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Reports.Sbom;

namespace Cilock.Reports.Tests;

/// <summary>
/// The per-target-framework dependency graph, checked against edges the test reads itself from the assets file
/// (plain JSON walking, nothing from our model): walking the SBOM from each framework node must give exactly that
/// target's edges, so no edge is a union over frameworks.
/// </summary>
[TestClass]
public sealed class SbomFrameworkGraphTests
{
    private const string Root = "(product)";

    [TestMethod]
    [DataRow(false, DisplayName = "direct dependency differs")]
    [DataRow(true, DisplayName = "difference two levels down")]
    public void CycloneDx_EachFrameworkSubgraph_EqualsThatTargetInTheAssetsFile(bool deep)
    {
        using var fixture = Fixture(deep);
        var expected = AssetsEdges(fixture);
        using var bom = JsonDocument.Parse(SbomGeneratorTests.Generate(fixture, SbomFormats.CycloneDx).Documents.Single().Content);
        var purls = bom.RootElement.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("bom-ref").GetString()!, c => c.GetProperty("purl").GetString()!);
        var dependsOn = bom.RootElement.GetProperty("dependencies").EnumerateArray().ToDictionary(
            d => d.GetProperty("ref").GetString()!,
            d => d.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()!).ToList());

        CollectionAssert.AreEquivalent(expected.Keys.Select(f => $"pkg:nuget/App@1.0.0#{f}").ToList(), dependsOn["pkg:nuget/App@1.0.0"]);
        foreach (var (framework, edges) in expected)
        {
            var actual = Walk($"pkg:nuget/App@1.0.0#{framework}", n => dependsOn[n], n => purls.TryGetValue(n, out var p) ? p : Root);
            CollectionAssert.AreEquivalent(edges.Order().ToList(), actual.Order().ToList(), framework);
        }
    }

    [TestMethod]
    [DataRow(false, DisplayName = "direct dependency differs")]
    [DataRow(true, DisplayName = "difference two levels down")]
    public void Spdx_EachFrameworkSubgraph_EqualsThatTargetInTheAssetsFile(bool deep)
    {
        using var fixture = Fixture(deep);
        var expected = AssetsEdges(fixture);
        using var document = JsonDocument.Parse(SbomGeneratorTests.Generate(fixture, SbomFormats.Spdx).Documents.Single().Content);
        var purls = document.RootElement.GetProperty("packages").EnumerateArray()
            .Where(p => p.TryGetProperty("externalRefs", out _))
            .ToDictionary(p => p.GetProperty("SPDXID").GetString()!, p => p.GetProperty("externalRefs")[0].GetProperty("referenceLocator").GetString()!);
        var edges = new Dictionary<string, List<string>>();
        foreach (var r in document.RootElement.GetProperty("relationships").EnumerateArray())
        {
            var (from, type, to) = (r.GetProperty("spdxElementId").GetString()!, r.GetProperty("relationshipType").GetString()!, r.GetProperty("relatedSpdxElement").GetString()!);
            // A development-only direct dependency is stated the other way round.
            var (dependent, dependency) = type switch { "DEPENDS_ON" => (from, to), "DEV_DEPENDENCY_OF" => (to, from), _ => (null, null) };
            if (dependent is not null)
            {
                GetOrAdd(edges, dependent).Add(dependency!);
            }
        }

        CollectionAssert.AreEquivalent(expected.Keys.Select(f => $"SPDXRef-Package-Product-{f}").ToList(), edges["SPDXRef-Package-Product"]);
        foreach (var (framework, expectedEdges) in expected)
        {
            var actual = Walk($"SPDXRef-Package-Product-{framework}", n => edges.TryGetValue(n, out var e) ? e : [], n => purls.TryGetValue(n, out var p) ? p : Root);
            CollectionAssert.AreEquivalent(expectedEdges.Order().ToList(), actual.Order().ToList(), framework);
        }
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void DeepDifference_BothFormats_PassTheValidators()
    {
        using var fixture = Fixture(deep: true);
        var dll = fixture.Directory.WriteFile("bin/App.dll", "assembly");
        var result = SbomGeneratorTests.Generate(fixture, SbomFormats.Both, [new SbomProductFile("lib/net10.0/App.dll", dll), new SbomProductFile("lib/netstandard2.0/App.dll", dll)]);
        var paths = SbomGenerator.Write(result, fixture.Directory.Combine("out"), "App.1.0.0");

        var (exit, output) = SbomValidation.CycloneDx16(paths[0]);
        Assert.AreEqual(0, exit, output);
        (exit, output) = SbomValidation.Spdx(paths[1]);
        Assert.AreEqual(0, exit, output);
    }

    [TestMethod]
    public void DeepDifference_SplitsTheChangedPackageAndEveryDependent_ButNotTheRest()
    {
        using var fixture = Fixture(deep: true);
        using var bom = JsonDocument.Parse(SbomGeneratorTests.Generate(fixture, SbomFormats.CycloneDx).Documents.Single().Content);
        var refs = bom.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("bom-ref").GetString()!).ToHashSet();

        foreach (var split in new[] { "Shared.Core@1.2.0", "App.Lib@1.0.0", "Dev.Tool@2.0.0" })
        {
            Assert.Contains($"pkg:nuget/{split}#net10.0", refs);
            Assert.Contains($"pkg:nuget/{split}#netstandard2.0", refs);
            Assert.DoesNotContain($"pkg:nuget/{split}", refs);
        }

        foreach (var shared in new[] { "Dev.Helper@1.0.0", "Newtonsoft.Json@13.0.3", "My.Core@1.0.0", "System.Memory@4.5.5" })
        {
            Assert.Contains($"pkg:nuget/{shared}", refs);
        }
    }

    // The stock fixture (App.Lib brings System.Memory in netstandard2.0 only) or, deep, Shared.Core also does there,
    // which changes everything above it: App.Lib and Dev.Tool.
    private static SbomFixture Fixture(bool deep)
    {
        var fixture = new SbomFixture();
        if (deep)
        {
            var assets = JsonNode.Parse(File.ReadAllText(fixture.AssetsFile))!.AsObject();
            assets["targets"]!["netstandard2.0"]!["Shared.Core/1.2.0"]!["dependencies"] = new JsonObject { ["System.Memory"] = "4.5.0" };
            File.WriteAllText(fixture.AssetsFile, assets.ToJsonString());
        }

        return fixture;
    }

    /// <summary>Per target: every edge reachable from the product's direct references, as "from purl -> to purl".</summary>
    private static Dictionary<string, HashSet<string>> AssetsEdges(SbomFixture fixture)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(fixture.AssetsFile));
        var root = assets.RootElement;
        var result = new Dictionary<string, HashSet<string>>();
        foreach (var target in root.GetProperty("targets").EnumerateObject())
        {
            var byId = target.Value.EnumerateObject().ToDictionary(e => e.Name.Split('/')[0].ToLowerInvariant(), e => e);
            string Purl(string name) => "pkg:nuget/" + name.Replace('/', '@');
            var direct = root.GetProperty("project").GetProperty("frameworks").GetProperty(target.Name).GetProperty("dependencies")
                .EnumerateObject().Select(d => byId[d.Name.ToLowerInvariant()].Name).ToList();
            foreach (var reference in root.GetProperty("project").GetProperty("restore").GetProperty("frameworks").GetProperty(target.Name).GetProperty("projectReferences").EnumerateObject())
            {
                direct.Add(byId[Path.GetFileNameWithoutExtension(reference.Name).ToLowerInvariant()].Name);
            }

            var edges = direct.Select(d => $"{Root} -> {Purl(d)}").ToHashSet();
            var queue = new Queue<string>(direct);
            var seen = new HashSet<string>();
            while (queue.TryDequeue(out var name))
            {
                if (!seen.Add(name) || !target.Value.GetProperty(name).TryGetProperty("dependencies", out var dependencies))
                {
                    continue;
                }

                foreach (var dependency in dependencies.EnumerateObject())
                {
                    var resolved = byId[dependency.Name.ToLowerInvariant()].Name;
                    edges.Add($"{Purl(name)} -> {Purl(resolved)}");
                    queue.Enqueue(resolved);
                }
            }

            result[target.Name] = edges;
        }

        return result;
    }

    // Every edge reachable from start, each node named by its purl (the start node is the product).
    private static HashSet<string> Walk(string start, Func<string, IReadOnlyList<string>> next, Func<string, string> purl)
    {
        var edges = new HashSet<string>();
        var queue = new Queue<string>([start]);
        var seen = new HashSet<string>();
        while (queue.TryDequeue(out var node))
        {
            if (!seen.Add(node))
            {
                continue;
            }

            foreach (var child in next(node))
            {
                edges.Add($"{purl(node)} -> {purl(child)}");
                queue.Enqueue(child);
            }
        }

        return edges;
    }

    private static List<string> GetOrAdd(Dictionary<string, List<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }
}

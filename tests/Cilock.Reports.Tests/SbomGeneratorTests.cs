using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Sbom;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class SbomGeneratorTests
{
    private static readonly DateTimeOffset CommitTime = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [TestMethod]
    public void Generate_CycloneDx_ListsEveryLibraryWithPurlSha512AndLicense()
    {
        using var fixture = new SbomFixture();
        using var bom = Parse(Generate(fixture, SbomFormats.CycloneDx).Documents.Single());
        // App.Lib has one node per framework (its subgraph differs); both carry the same package data.
        var components = bom.RootElement.GetProperty("components").EnumerateArray().GroupBy(c => c.GetProperty("purl").GetString()!).ToDictionary(g => g.Key, g => g.First());

        var expected = SbomFixture.PackageKeys.Select(k => $"pkg:nuget/{k.Replace('/', '@')}").Append("pkg:nuget/My.Core@1.0.0");
        CollectionAssert.AreEquivalent(expected.ToList(), components.Keys.ToList());

        var app = components["pkg:nuget/App.Lib@1.0.0"];
        Assert.AreEqual("App.Lib", app.GetProperty("name").GetString());
        Assert.AreEqual("1.0.0", app.GetProperty("version").GetString());
        Assert.AreEqual("pkg:nuget/App.Lib@1.0.0#net10.0", app.GetProperty("bom-ref").GetString());
        var hash = app.GetProperty("hashes")[0];
        Assert.AreEqual("SHA-512", hash.GetProperty("alg").GetString());
        Assert.AreEqual(Convert.ToHexStringLower(Convert.FromBase64String(SbomFixture.Sha512Base64("App.Lib/1.0.0"))), hash.GetProperty("content").GetString());
        Assert.AreEqual("MIT", app.GetProperty("licenses")[0].GetProperty("expression").GetString());
        Assert.AreEqual("Contoso", app.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.AreEqual("App library", app.GetProperty("description").GetString());
        Assert.AreEqual("https://example.com/app", app.GetProperty("externalReferences")[0].GetProperty("url").GetString());

        Assert.AreEqual("https://example.com/license", components["pkg:nuget/Shared.Core@1.2.0"].GetProperty("licenses")[0].GetProperty("license").GetProperty("url").GetString());
        StringAssert.Contains(components["pkg:nuget/Dev.Tool@2.0.0"].GetProperty("licenses")[0].GetProperty("license").GetProperty("name").GetString(), "LICENSE.txt");
        Assert.IsFalse(components["pkg:nuget/Newtonsoft.Json@13.0.3"].TryGetProperty("licenses", out _), "no nuspec, no license claim");
        Assert.IsFalse(components["pkg:nuget/My.Core@1.0.0"].TryGetProperty("hashes", out _), "projects have no package hash");
    }

    [TestMethod]
    public void Generate_DevelopmentOnlyClosure_IsExcludedAndSharedDependencyRequired()
    {
        using var fixture = new SbomFixture();
        using var bom = Parse(Generate(fixture, SbomFormats.CycloneDx).Documents.Single());
        var scopes = bom.RootElement.GetProperty("components").EnumerateArray()
            .GroupBy(c => c.GetProperty("name").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(c => c.GetProperty("scope").GetString()).Distinct().ToList());

        foreach (var required in new[] { "App.Lib", "Shared.Core", "System.Memory", "Newtonsoft.Json", "My.Core" })
        {
            CollectionAssert.AreEqual(new[] { "required" }, scopes[required], required);
        }

        foreach (var excluded in new[] { "Dev.Tool", "Dev.Helper", "NETStandard.Library", "Microsoft.NETCore.Platforms" })
        {
            CollectionAssert.AreEqual(new[] { "excluded" }, scopes[excluded], excluded);
        }
    }

    [TestMethod]
    public void Generate_Dependencies_ResolveRangesPerFrameworkAndSplitOnlyWhatDiffers()
    {
        using var fixture = new SbomFixture();
        using var bom = Parse(Generate(fixture, SbomFormats.CycloneDx).Documents.Single());
        var graph = bom.RootElement.GetProperty("dependencies").EnumerateArray().ToDictionary(
            d => d.GetProperty("ref").GetString()!,
            d => d.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()!).ToList());

        // The root depends on one node per framework; each on that framework's direct references (development-only included).
        CollectionAssert.AreEqual(new[] { "pkg:nuget/App@1.0.0#net10.0", "pkg:nuget/App@1.0.0#netstandard2.0" }, graph["pkg:nuget/App@1.0.0"]);
        CollectionAssert.AreEqual(
            new[] { "pkg:nuget/App.Lib@1.0.0#net10.0", "pkg:nuget/Dev.Tool@2.0.0", "pkg:nuget/My.Core@1.0.0" },
            graph["pkg:nuget/App@1.0.0#net10.0"]);
        CollectionAssert.AreEqual(
            new[] { "pkg:nuget/App.Lib@1.0.0#netstandard2.0", "pkg:nuget/Dev.Tool@2.0.0", "pkg:nuget/My.Core@1.0.0", "pkg:nuget/NETStandard.Library@2.0.3" },
            graph["pkg:nuget/App@1.0.0#netstandard2.0"]);
        // "[1.0.0, )" resolves to the 1.2.0 in the graph; System.Memory only comes from netstandard2.0, so App.Lib is
        // split, while Shared.Core (same subgraph everywhere) stays one shared node.
        CollectionAssert.AreEqual(new[] { "pkg:nuget/Shared.Core@1.2.0" }, graph["pkg:nuget/App.Lib@1.0.0#net10.0"]);
        CollectionAssert.AreEqual(new[] { "pkg:nuget/Shared.Core@1.2.0", "pkg:nuget/System.Memory@4.5.5" }, graph["pkg:nuget/App.Lib@1.0.0#netstandard2.0"]);
        Assert.IsFalse(graph.ContainsKey("pkg:nuget/App.Lib@1.0.0"), "a split library has no union node");
        CollectionAssert.AreEqual(new[] { "pkg:nuget/Newtonsoft.Json@13.0.3" }, graph["pkg:nuget/My.Core@1.0.0"]);
        Assert.IsEmpty(graph["pkg:nuget/Shared.Core@1.2.0"]);
        Assert.HasCount(13, graph, "root, two frameworks, nine shared components and one extra App.Lib variant");

        var components = bom.RootElement.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!);
        Assert.AreEqual("pkg:nuget/App.Lib@1.0.0", components["pkg:nuget/App.Lib@1.0.0#net10.0"].GetProperty("purl").GetString());
        CollectionAssert.AreEqual(new[] { "net10.0" }, Frameworks(components["pkg:nuget/App.Lib@1.0.0#net10.0"]));
        CollectionAssert.AreEqual(new[] { "netstandard2.0" }, Frameworks(components["pkg:nuget/App.Lib@1.0.0#netstandard2.0"]));
        CollectionAssert.AreEqual(new[] { "netstandard2.0" }, Frameworks(components["pkg:nuget/System.Memory@4.5.5"]));
        CollectionAssert.AreEqual(new[] { "net10.0", "netstandard2.0" }, Frameworks(components["pkg:nuget/Shared.Core@1.2.0"]));
    }

    [TestMethod]
    public void Generate_SingleTarget_RootDependsOnDirectReferencesWithoutFrameworkNodes()
    {
        using var fixture = new SbomFixture(multiTarget: false);
        var dll = fixture.Directory.WriteFile("bin/App.dll", "assembly bytes");
        using var bom = Parse(Generate(fixture, SbomFormats.CycloneDx, [new SbomProductFile("lib/net10.0/App.dll", dll)]).Documents.Single());
        var graph = bom.RootElement.GetProperty("dependencies").EnumerateArray().ToDictionary(
            d => d.GetProperty("ref").GetString()!,
            d => d.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()!).ToList());

        CollectionAssert.AreEqual(new[] { "pkg:nuget/App.Lib@1.0.0", "pkg:nuget/Dev.Tool@2.0.0", "pkg:nuget/My.Core@1.0.0" }, graph["pkg:nuget/App@1.0.0"]);
        CollectionAssert.AreEqual(new[] { "pkg:nuget/Shared.Core@1.2.0" }, graph["pkg:nuget/App.Lib@1.0.0"]);
        Assert.IsFalse(graph.Keys.Any(k => k.Contains('#', StringComparison.Ordinal)), "no framework nodes or variants for one framework");
        var nested = bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("components").EnumerateArray().Single();
        Assert.AreEqual("file", nested.GetProperty("type").GetString());
        Assert.AreEqual("lib/net10.0/App.dll", nested.GetProperty("name").GetString());
    }

    [TestMethod]
    public void Generate_MultiTarget_FrameworkNodesCarryTheirAssemblyHashAndFiles()
    {
        using var fixture = new SbomFixture();
        var net = fixture.Directory.WriteFile("bin/net10.0/App.dll", "net10 assembly");
        var ns = fixture.Directory.WriteFile("bin/netstandard2.0/App.dll", "netstandard assembly");
        var xml = fixture.Directory.WriteFile("bin/netstandard2.0/App.xml", "docs");
        var readme = fixture.Directory.WriteFile("README.md", "readme");
        using var bom = Parse(Generate(fixture, SbomFormats.CycloneDx, [
            new SbomProductFile("lib/net10.0/App.dll", net), new SbomProductFile("lib/netstandard2.0/App.dll", ns),
            new SbomProductFile("lib/netstandard2.0/App.xml", xml), new SbomProductFile("README.md", readme)]).Documents.Single());
        var nested = bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!);

        CollectionAssert.AreEqual(new[] { "pkg:nuget/App@1.0.0#net10.0", "pkg:nuget/App@1.0.0#netstandard2.0", "file:README.md" }, nested.Keys.ToArray());
        var standard = nested["pkg:nuget/App@1.0.0#netstandard2.0"];
        Assert.AreEqual(Sha256("netstandard assembly"), standard.GetProperty("hashes")[0].GetProperty("content").GetString());
        CollectionAssert.AreEqual(new[] { "netstandard2.0" }, Frameworks(standard));
        CollectionAssert.AreEqual(
            new[] { "lib/netstandard2.0/App.dll", "lib/netstandard2.0/App.xml" },
            standard.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray());
        Assert.AreEqual(Sha256("net10 assembly"), nested["pkg:nuget/App@1.0.0#net10.0"].GetProperty("hashes")[0].GetProperty("content").GetString());
    }

    [TestMethod]
    public void Generate_ProjectReferenceSeenThroughAnotherPath_StillDirectAndRequired()
    {
        using var fixture = new SbomFixture();
        var text = File.ReadAllText(fixture.AssetsFile);
        var core = fixture.Directory.Combine("src", "My.Core", "My.Core.csproj");
        var moved = text.Replace(JsonEncodedText.Encode(core).ToString(), JsonEncodedText.Encode("/elsewhere/My.Core/My.Core.csproj").ToString(), StringComparison.Ordinal);
        Assert.AreNotEqual(text, moved, "the fixture names the project reference by its full path");
        File.WriteAllText(fixture.AssetsFile, moved);
        using var bom = Parse(Generate(fixture, SbomFormats.CycloneDx).Documents.Single());
        var root = bom.RootElement.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("ref").GetString() == "pkg:nuget/App@1.0.0#net10.0");
        Assert.Contains("pkg:nuget/My.Core@1.0.0", root.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()).ToList());
        var scope = bom.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "My.Core").GetProperty("scope").GetString();
        Assert.AreEqual("required", scope);
    }

    [TestMethod]
    public void Generate_Metadata_RootToolTimestampAndFileHashes()
    {
        using var fixture = new SbomFixture();
        var dll = fixture.Directory.WriteFile("bin/App.dll", "assembly bytes");
        var nupkg = fixture.Directory.WriteFile("out/App.1.0.0.nupkg", "package bytes");
        using var bom = Parse(Generate(fixture, SbomFormats.CycloneDx, [new SbomProductFile("lib/net10.0/App.dll", dll)], nupkg).Documents.Single());
        var metadata = bom.RootElement.GetProperty("metadata");

        Assert.AreEqual("2024-05-06T07:08:09Z", metadata.GetProperty("timestamp").GetString());
        var tool = metadata.GetProperty("tools").GetProperty("components")[0];
        Assert.AreEqual("Cilock.Sdk", tool.GetProperty("name").GetString());
        Assert.AreEqual("9.8.7", tool.GetProperty("version").GetString());
        var root = metadata.GetProperty("component");
        Assert.AreEqual("pkg:nuget/App@1.0.0", root.GetProperty("purl").GetString());
        Assert.AreEqual("Apache-2.0", root.GetProperty("licenses")[0].GetProperty("expression").GetString());
        Assert.AreEqual(Sha256("package bytes"), root.GetProperty("hashes")[0].GetProperty("content").GetString());
        var framework = root.GetProperty("components")[0];
        Assert.AreEqual("pkg:nuget/App@1.0.0#net10.0", framework.GetProperty("bom-ref").GetString());
        var file = framework.GetProperty("components")[0];
        Assert.AreEqual("lib/net10.0/App.dll", file.GetProperty("name").GetString());
        Assert.AreEqual(Sha256("assembly bytes"), file.GetProperty("hashes")[0].GetProperty("content").GetString());
    }

    [TestMethod]
    public void Generate_FormatMarker_IsTheFirstMemberWithoutSpace()
    {
        using var fixture = new SbomFixture();
        var documents = Generate(fixture, SbomFormats.Both).Documents;
        Assert.HasCount(2, documents);
        Assert.StartsWith("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"serialNumber\":\"urn:uuid:", Encoding.UTF8.GetString(documents[0].Content.Span));
        Assert.StartsWith("{\"spdxVersion\":\"SPDX-2.3\",", Encoding.UTF8.GetString(documents[1].Content.Span));
        Assert.AreEqual(SbomFormats.CycloneDx, SbomDocument.Detect(documents[0].Content.Span));
        Assert.AreEqual(SbomFormats.Spdx, SbomDocument.Detect(documents[1].Content.Span));
    }

    [TestMethod]
    public void Generate_SameInputTwice_SameBytes_AndContentChangesSerial()
    {
        using var fixture = new SbomFixture();
        var first = Generate(fixture, SbomFormats.Both).Documents;
        var second = Generate(fixture, SbomFormats.Both).Documents;
        for (var i = 0; i < first.Count; i++)
        {
            CollectionAssert.AreEqual(first[i].Content.ToArray(), second[i].Content.ToArray(), first[i].Extension);
        }

        var other = SbomGenerator.Generate(Request(fixture, SbomFormats.CycloneDx) with { Version = "1.0.1" }).Documents.Single();
        using var a = Parse(first[0]);
        using var b = Parse(other);
        var serial = a.RootElement.GetProperty("serialNumber").GetString()!;
        Assert.AreNotEqual(serial, b.RootElement.GetProperty("serialNumber").GetString());
        Assert.MatchesRegex("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", serial);
    }

    [TestMethod]
    public void Generate_Output_HasNoMachinePath()
    {
        using var fixture = new SbomFixture();
        foreach (var document in Generate(fixture, SbomFormats.Both).Documents)
        {
            var text = Encoding.UTF8.GetString(document.Content.Span);
            Assert.DoesNotContain(fixture.Directory.Path, text);
            Assert.DoesNotContain(Path.GetTempPath(), text);
        }
    }

    [TestMethod]
    public void Generate_MissingNuspec_WarnsWithCode()
    {
        using var fixture = new SbomFixture();
        var result = Generate(fixture, SbomFormats.CycloneDx);
        var warning = result.Diagnostics.Single();
        Assert.AreEqual(SbomDiagnostics.NuspecUnreadable, warning.Code);
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        StringAssert.Contains(warning.Message, "Newtonsoft.Json 13.0.3");
        Assert.DoesNotContain(fixture.Packages, warning.Message);
    }

    [TestMethod]
    public void Generate_CorruptNuspec_WarnsAndKeepsComponent()
    {
        using var fixture = new SbomFixture();
        File.WriteAllText(Path.Combine(fixture.Packages, "app.lib", "1.0.0", "app.lib.nuspec"), "<package><metadata>");
        var result = Generate(fixture, SbomFormats.CycloneDx);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == SbomDiagnostics.NuspecUnreadable && d.Message.Contains("App.Lib", StringComparison.Ordinal)));
        using var bom = Parse(result.Documents.Single());
        var variants = bom.RootElement.GetProperty("components").EnumerateArray().Where(c => c.GetProperty("name").GetString() == "App.Lib").ToList();
        Assert.HasCount(2, variants);
        Assert.IsFalse(variants.Any(app => app.TryGetProperty("licenses", out _)));
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty file")]
    [DataRow("{", DisplayName = "truncated JSON")]
    [DataRow("[]", DisplayName = "array")]
    [DataRow("{\"version\":3,\"targets\":{}}", DisplayName = "no libraries")]
    [DataRow("{\"version\":3,\"targets\":{},\"libraries\":{\"A/1.0.0\":{\"type\":\"package\"}}}", DisplayName = "package without sha512")]
    [DataRow("{\"version\":3,\"targets\":{},\"libraries\":{\"A/1.0.0\":{\"type\":\"package\",\"sha512\":\"%%%\"}}}", DisplayName = "sha512 not base64")]
    [DataRow("{\"version\":3,\"targets\":{},\"libraries\":{\"A\":{}}}", DisplayName = "library without version")]
    [DataRow("{\"version\":3,\"targets\":{\"net10.0\":{\"B/1.0.0\":{}}},\"libraries\":{}}", DisplayName = "target names an unknown library")]
    [DataRow("{\"version\":3,\"targets\":{\"net10.0\":[]},\"libraries\":{}}", DisplayName = "target not an object")]
    [DataRow("{\"version\":\"3\",\"targets\":{},\"libraries\":{}}", DisplayName = "version is a string")]
    public void Generate_CorruptAssets_ThrowsCodedError(string content)
    {
        using var fixture = new SbomFixture();
        File.WriteAllText(fixture.AssetsFile, content);
        var e = Assert.ThrowsExactly<CilockException>(() => Generate(fixture, SbomFormats.CycloneDx));
        Assert.AreEqual(SbomDiagnostics.AssetsUnusable, e.Code);
    }

    [TestMethod]
    public void Generate_MissingAssets_ThrowsCodedErrorNamingRestore()
    {
        using var fixture = new SbomFixture();
        File.Delete(fixture.AssetsFile);
        var e = Assert.ThrowsExactly<CilockException>(() => Generate(fixture, SbomFormats.CycloneDx));
        Assert.AreEqual(SbomDiagnostics.AssetsUnusable, e.Code);
        StringAssert.Contains(e.Message, "dotnet restore");
    }

    [TestMethod]
    public void Generate_MissingProductFile_ThrowsCodedError()
    {
        using var fixture = new SbomFixture();
        var e = Assert.ThrowsExactly<CilockException>(() => Generate(fixture, SbomFormats.CycloneDx, [new SbomProductFile("lib/x.dll", fixture.Directory.Combine("nope.dll"))]));
        Assert.AreEqual(SbomDiagnostics.ProductUnreadable, e.Code);
    }

    [TestMethod]
    public void Write_SameBytes_LeavesFileUntouched()
    {
        using var fixture = new SbomFixture();
        var result = Generate(fixture, SbomFormats.Both);
        var paths = SbomGenerator.Write(result, fixture.Directory.Combine("evidence"), "App.1.0.0");
        CollectionAssert.AreEqual(new[] { "App.1.0.0.cdx.json", "App.1.0.0.spdx.json" }, paths.Select(Path.GetFileName).ToArray());
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(paths[0], stamp);
        SbomGenerator.Write(result, fixture.Directory.Combine("evidence"), "App.1.0.0");
        Assert.AreEqual(stamp, File.GetLastWriteTimeUtc(paths[0]), "an unchanged SBOM must not look new to incremental builds");
        CollectionAssert.AreEqual(result.Documents[0].Content.ToArray(), File.ReadAllBytes(paths[0]));
    }

    [TestMethod]
    [DataRow(null, SbomFormats.CycloneDx)]
    [DataRow("", SbomFormats.CycloneDx)]
    [DataRow("CycloneDX", SbomFormats.CycloneDx)]
    [DataRow(" spdx ", SbomFormats.Spdx)]
    [DataRow("Both", SbomFormats.Both)]
    public void ParseFormat_KnownValues_Parse(string? value, SbomFormats expected) =>
        Assert.AreEqual(expected, SbomFormatParser.Parse(value));

    [TestMethod]
    public void ParseFormat_UnknownValue_ThrowsCodedError()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => SbomFormatParser.Parse("xml"));
        Assert.AreEqual(SbomDiagnostics.InvalidProperty, e.Code);
    }

    internal static SbomRequest Request(SbomFixture fixture, SbomFormats formats, IReadOnlyList<SbomProductFile>? files = null, string? nupkg = null) => new()
    {
        AssetsFile = fixture.AssetsFile,
        Name = "App",
        Version = "1.0.0",
        Description = "The app",
        Authors = "App Authors",
        LicenseExpression = "Apache-2.0",
        Files = files ?? [],
        PackageFile = nupkg,
        Timestamp = CommitTime,
        ToolVersion = "9.8.7",
        Formats = formats,
    };

    internal static SbomGenerationResult Generate(SbomFixture fixture, SbomFormats formats, IReadOnlyList<SbomProductFile>? files = null, string? nupkg = null) =>
        SbomGenerator.Generate(Request(fixture, formats, files, nupkg));

    private static string?[] Frameworks(JsonElement component) =>
        [.. component.GetProperty("properties").EnumerateArray().Where(p => p.GetProperty("name").GetString() == "cilock:targetFramework").Select(p => p.GetProperty("value").GetString())];

    private static JsonDocument Parse(SbomOutput output) => JsonDocument.Parse(output.Content);

    private static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

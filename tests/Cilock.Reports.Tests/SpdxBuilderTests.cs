using System.Text.Json;
using Cilock.Reports.Sbom;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class SpdxBuilderTests
{
    [TestMethod]
    public void Generate_Spdx_PackagesChecksumsAndRelationships()
    {
        using var fixture = new SbomFixture();
        var dll = fixture.Directory.WriteFile("bin/App.dll", "assembly");
        using var document = JsonDocument.Parse(SbomGeneratorTests.Generate(fixture, SbomFormats.Spdx, [new SbomProductFile("lib/net10.0/App.dll", dll)]).Documents.Single().Content);
        var root = document.RootElement;

        Assert.AreEqual("SPDXRef-DOCUMENT", root.GetProperty("SPDXID").GetString());
        Assert.AreEqual("2024-05-06T07:08:09Z", root.GetProperty("creationInfo").GetProperty("created").GetString());
        Assert.AreEqual("Tool: Cilock.Sdk-9.8.7", root.GetProperty("creationInfo").GetProperty("creators")[0].GetString());
        StringAssert.StartsWith(root.GetProperty("documentNamespace").GetString(), "https://spdx.org/spdxdocs/App-1.0.0-");

        var packages = root.GetProperty("packages").EnumerateArray().ToDictionary(p => p.GetProperty("SPDXID").GetString()!);
        Assert.HasCount(13, packages, "the product, its two frameworks, eight packages (App.Lib twice: it differs per framework) and one project");
        var ids = packages.Values.GroupBy(p => p.GetProperty("name").GetString()!).ToDictionary(g => g.Key, g => g.First().GetProperty("SPDXID").GetString()!);
        var app = packages[ids["App.Lib"]];
        Assert.AreEqual("MIT", app.GetProperty("licenseDeclared").GetString());
        Assert.AreEqual("SHA512", app.GetProperty("checksums")[0].GetProperty("algorithm").GetString());
        Assert.AreEqual("pkg:nuget/App.Lib@1.0.0", app.GetProperty("externalRefs")[0].GetProperty("referenceLocator").GetString());
        Assert.AreEqual("PACKAGE-MANAGER", app.GetProperty("externalRefs")[0].GetProperty("referenceCategory").GetString());
        Assert.AreEqual("NOASSERTION", packages[ids["Newtonsoft.Json"]].GetProperty("licenseDeclared").GetString());

        var relationships = root.GetProperty("relationships").EnumerateArray()
            .Select(r => $"{r.GetProperty("spdxElementId").GetString()} {r.GetProperty("relationshipType").GetString()} {r.GetProperty("relatedSpdxElement").GetString()}")
            .ToHashSet();
        const string product = "SPDXRef-Package-Product", net = "SPDXRef-Package-Product-net10.0";
        Assert.AreEqual("App", packages[product].GetProperty("name").GetString());
        Assert.Contains($"SPDXRef-DOCUMENT DESCRIBES {product}", relationships);
        Assert.Contains($"{product} DEPENDS_ON {net}", relationships);
        Assert.Contains($"{product} DEPENDS_ON SPDXRef-Package-Product-netstandard2.0", relationships);
        Assert.Contains($"{net} DEPENDS_ON SPDXRef-Package-App.Lib-1.0.0-net10.0", relationships);
        Assert.Contains($"{net} DEPENDS_ON {ids["My.Core"]}", relationships);
        Assert.Contains($"{ids["Dev.Tool"]} DEV_DEPENDENCY_OF {net}", relationships);
        Assert.Contains($"SPDXRef-Package-App.Lib-1.0.0-net10.0 DEPENDS_ON {ids["Shared.Core"]}", relationships);
        Assert.DoesNotContain($"SPDXRef-Package-App.Lib-1.0.0-net10.0 DEPENDS_ON {ids["System.Memory"]}", relationships);
        Assert.Contains($"SPDXRef-Package-App.Lib-1.0.0-netstandard2.0 DEPENDS_ON {ids["System.Memory"]}", relationships);
        Assert.Contains($"{net} CONTAINS SPDXRef-File-1", relationships);
        Assert.AreEqual("./lib/net10.0/App.dll", root.GetProperty("files")[0].GetProperty("fileName").GetString());
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Generate_Spdx_PassesSpdx23Validator()
    {
        using var fixture = new SbomFixture();
        var dll = fixture.Directory.WriteFile("bin/App.dll", "assembly");
        var nupkg = fixture.Directory.WriteFile("out/App.1.0.0.nupkg", "package");
        var result = SbomGeneratorTests.Generate(fixture, SbomFormats.Spdx, [new SbomProductFile("lib/net10.0/App.dll", dll)], nupkg);
        var path = SbomGenerator.Write(result, fixture.Directory.Combine("out"), "App.1.0.0").Single();

        var (exit, output) = SbomValidation.Spdx(path);
        Assert.AreEqual(0, exit, output);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Context;
using Cilock.Attestation.InToto;
using Cilock.Reports.Attestors;
using Cilock.Reports.Sbom;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class SbomAttestorTests
{
    private const string CycloneDx = """{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"component":{"type":"library","name":"App","version":"2.0.0"}},"components":[]}""";
    private const string Spdx = """{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"doc","packages":[{"SPDXID":"SPDXRef-P","name":"Lib","versionInfo":"3.1.0"}],"relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-P"}]}""";

    [TestMethod]
    public async Task Attest_ExplicitCycloneDxFile_AttestationIsTheDocumentWithSubjects()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("obj/cilock/App.cdx.json", CycloneDx);
        var attestor = new SbomAttestor("obj/cilock/App.cdx.json");
        var run = await Run(dir, attestor);

        Assert.IsTrue(run.Succeeded, string.Join("; ", run.Diagnostics));
        Assert.AreEqual("https://cyclonedx.org/bom", attestor.PredicateType(Dialect.Witness));
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(CycloneDx), attestor.ToJson(Dialect.Cilock)));
        Assert.StartsWith("{\"bomFormat\":\"CycloneDX\"", attestor.ToJson(Dialect.Witness)!.ToJsonString(), "format marker first, no space");

        var subjects = attestor.GetSubjects(Dialect.Cilock);
        CollectionAssert.AreEquivalent(new[] { "file:obj/cilock/App.cdx.json", "name:App", "version:2.0.0" }, subjects.Keys.ToList());
        Assert.AreEqual(Hex(CycloneDx), subjects["file:obj/cilock/App.cdx.json"].Sha256Hex);
        Assert.AreEqual(Hex("App"), subjects["name:App"].Sha256Hex);
        Assert.AreEqual(Hex("2.0.0"), subjects["version:2.0.0"].Sha256Hex);
        Assert.AreEqual(Hex("App"), attestor.GetBackRefs(Dialect.Cilock)["name:App"].Sha256Hex);
    }

    [TestMethod]
    public async Task Attest_SpdxProduct_FoundByMimeTypeWhenNoFileGiven()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("out/readme.txt", "hello");
        dir.WriteFile("out/bom.spdx.json", Spdx);
        var attestor = new SbomAttestor();
        var run = await Run(dir, new FakeProducer(new()
        {
            ["out/readme.txt"] = "text/plain; charset=utf-8",
            ["out/bom.spdx.json"] = SbomDocument.SpdxMimeType,
        }), attestor);

        Assert.IsTrue(run.Succeeded, string.Join("; ", run.Diagnostics));
        Assert.AreEqual("https://spdx.dev/Document", attestor.PredicateType(Dialect.Cilock));
        Assert.AreEqual("SPDX-2.3", (string?)attestor.ToJson(Dialect.Cilock)!["spdxVersion"]);
        CollectionAssert.AreEquivalent(new[] { "file:out/bom.spdx.json", "name:Lib", "version:3.1.0" }, attestor.GetSubjects(Dialect.Cilock).Keys.ToList());
    }

    [TestMethod]
    public async Task Attest_NoSbomProduct_ContributesNothing()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("out/readme.txt", "hello");
        var attestor = new SbomAttestor();
        var run = await Run(dir, new FakeProducer(new() { ["out/readme.txt"] = "text/plain; charset=utf-8" }), attestor);

        Assert.IsTrue(run.Succeeded);
        Assert.IsNull(attestor.ToJson(Dialect.Cilock));
        Assert.IsEmpty(attestor.GetSubjects(Dialect.Cilock));
    }

    [TestMethod]
    [DataRow("{\"hello\":\"world\"}", DisplayName = "JSON without a format marker")]
    [DataRow("{\"bomFormat\":\"CycloneDX\",", DisplayName = "truncated CycloneDX")]
    public async Task Attest_ExplicitFileNotAnSbom_FailsWithCode(string content)
    {
        using var dir = new TempDirectory();
        dir.WriteFile("x.json", content);
        var run = await Run(dir, new SbomAttestor("x.json"));

        Assert.IsFalse(run.Succeeded);
        Assert.IsTrue(run.Diagnostics.Any(d => d.Code == SbomDiagnostics.NotAnSbom), string.Join("; ", run.Diagnostics));
    }

    [TestMethod]
    public void TryRead_MissingFile_FalseWithReason()
    {
        Assert.IsFalse(SbomDocument.TryRead(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json"), out var document, out var reason));
        Assert.IsNull(document);
        StringAssert.Contains(reason, "does not exist");
    }

    [TestMethod]
    [DataRow("{\"bomFormat\": \"CycloneDX\"}", SbomFormats.CycloneDx)]
    [DataRow("{\"spdxVersion\": \"SPDX-2.2\"}", SbomFormats.Spdx)]
    [DataRow("{\"bomFormat\":\"cyclonedx\"}", SbomFormats.None)]
    public void Detect_Markers_WithOrWithoutSpace(string content, SbomFormats expected) =>
        Assert.AreEqual(expected, SbomDocument.Detect(Encoding.UTF8.GetBytes(content)));

    [TestMethod]
    public void Detect_MarkerAfter500Bytes_IsNotAnSbom()
    {
        var late = "{\"padding\":\"" + new string('x', 500) + "\",\"bomFormat\":\"CycloneDX\"}";
        Assert.AreEqual(SbomFormats.None, SbomDocument.Detect(Encoding.UTF8.GetBytes(late)));
    }

    private static async Task<AttestationRun> Run(TempDirectory dir, params IAttestor[] attestors) =>
        await new AttestationContext(new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "pack" }, attestors).RunAsync();

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // Stands in for the product attestor: reports products with fixed mime types.
    private sealed class FakeProducer(Dictionary<string, string> mimeTypes) : IAttestor, IProducer
    {
        public string Name => "product";

        public AttestationPhase Phase => AttestationPhase.Product;

        public IReadOnlyDictionary<string, ProductFile> Products { get; } =
            mimeTypes.ToDictionary(kv => kv.Key, kv => new ProductFile(DigestSet.FromSha256(new string('0', 64)), kv.Value));

        public string PredicateType(Dialect dialect) => "https://example.com/fake";

        public ValueTask AttestAsync(AttestationContext context, CancellationToken ct) => ValueTask.CompletedTask;

        public JsonNode? ToJson(Dialect dialect) => new JsonObject();
    }
}

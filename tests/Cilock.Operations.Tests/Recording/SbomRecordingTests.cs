using System.Text.Json;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.Operations.Recording;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Recording;

/// <summary>The sbom attestor in recorded steps (both dialects) and the standalone SBOM statement export.</summary>
[TestClass]
public sealed class SbomRecordingTests
{
    private const string CycloneDx = """{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"component":{"type":"library","name":"App","version":"1.0.0"}},"components":[{"type":"library","name":"Newtonsoft.Json","version":"13.0.3","purl":"pkg:nuget/Newtonsoft.Json@13.0.3"}]}""";
    private const string Spdx = """{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"App-1.0.0","packages":[],"relationships":[]}""";

    private static readonly GeneratedKey Key = KeyGenerator.Generate(KeyAlgorithm.EcdsaP256);

    private static StepRecordingOperation Operation => StepRecordingOperation.WithSigner(KeyLoader.LoadSignerFromPem(Key.PrivateKeyPem, []));

    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public void Execute_SbomFiles_OneEntryPerDocumentInBothDialects(Dialect dialect)
    {
        using var dir = new TempDirectory();
        var options = Options(dir) with { Dialect = dialect };
        var result = Operation.Execute(options);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        using var statement = JsonDocument.Parse(DsseEnvelope.Parse(File.ReadAllText(result.EnvelopePath!)).Payload);
        var entries = statement.RootElement.GetProperty("predicate").GetProperty("attestations").EnumerateArray()
            .ToDictionary(e => e.GetProperty("type").GetString()!, e => e.GetProperty("attestation"));
        Assert.AreEqual("CycloneDX", entries["https://cyclonedx.org/bom"].GetProperty("bomFormat").GetString());
        Assert.AreEqual("SPDX-2.3", entries["https://spdx.dev/Document"].GetProperty("spdxVersion").GetString());
        var subjects = statement.RootElement.GetProperty("subject").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("https://cyclonedx.org/bom/file:obj/cilock/App.1.0.0.cdx.json", subjects);
        Assert.Contains("https://spdx.dev/Document/name:App-1.0.0", subjects);
    }

    [TestMethod]
    public void Execute_SbomFileNotAnSbom_StepNotRecorded()
    {
        using var dir = new TempDirectory();
        var options = Options(dir) with { SbomFiles = [dir.WriteFile("obj/cilock/x.json", "{\"a\":1}")] };
        var result = Operation.Execute(options);

        Assert.IsFalse(result.Succeeded);
        Assert.Contains("CIL2104", result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error).Message);
        Assert.IsFalse(File.Exists(options.EvidencePath), "fail closed");
    }

    [TestMethod]
    public void ExportSbomStatements_WritesSignedV1StatementAboutTheNupkg()
    {
        using var dir = new TempDirectory();
        var options = Options(dir);
        var written = Operation.ExportSbomStatements(options);

        CollectionAssert.AreEqual(
            new[] { dir.Combine("obj", "cilock", "App.1.0.0.cdx.intoto.json"), dir.Combine("obj", "cilock", "App.1.0.0.spdx.intoto.json") },
            written.ToArray());
        var envelope = DsseEnvelope.Parse(File.ReadAllText(written[0]));
        Assert.IsTrue(DsseVerifier.Verify(envelope, new DsseVerificationOptions { Verifiers = [KeyLoader.LoadVerifierFromPem(Key.PublicKeyPem)] }).IsValid);
        using var statement = JsonDocument.Parse(envelope.Payload);
        var root = statement.RootElement;
        Assert.AreEqual(Statement.TypeV1, root.GetProperty("_type").GetString());
        Assert.AreEqual("https://cyclonedx.org/bom", root.GetProperty("predicateType").GetString());
        var subject = root.GetProperty("subject").EnumerateArray().Single();
        Assert.AreEqual("App.1.0.0.nupkg", subject.GetProperty("name").GetString());
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("nupkg"u8)), subject.GetProperty("digest").GetProperty("sha256").GetString());
        Assert.AreEqual("pkg:nuget/Newtonsoft.Json@13.0.3", root.GetProperty("predicate").GetProperty("components")[0].GetProperty("purl").GetString());
    }

    [TestMethod]
    public void ExportSbomStatements_NoPackageProduct_ThrowsCil2105()
    {
        using var dir = new TempDirectory();
        var e = Assert.ThrowsExactly<CilockException>(() => Operation.ExportSbomStatements(Options(dir) with { Products = [] }));
        Assert.AreEqual("CIL2105", e.Code);
        Assert.IsFalse(File.Exists(dir.Combine("obj", "cilock", "App.1.0.0.cdx.intoto.json")));
    }

    private static StepRecordingOptions Options(TempDirectory dir) => new()
    {
        StepName = "pack",
        EvidencePath = dir.Combine("obj", "cilock", "pack.intoto.json"),
        ProjectDirectory = dir.Path,
        WorkingDirectory = dir.Path,
        Attestors = ["material", "command-run", "product"],
        Environment = new Dictionary<string, string>(),
        Products = [dir.WriteFile("out/App.1.0.0.nupkg", "nupkg")],
        SbomFiles = [dir.WriteFile("obj/cilock/App.1.0.0.cdx.json", CycloneDx), dir.WriteFile("obj/cilock/App.1.0.0.spdx.json", Spdx)],
    };
}

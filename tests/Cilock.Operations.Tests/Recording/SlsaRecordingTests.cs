using System.Text.Json;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Slsa;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.Operations.Recording;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Recording;

/// <summary>The slsa attestor in recorded steps (both dialects) and the standalone provenance statement export.</summary>
[TestClass]
public sealed class SlsaRecordingTests
{
    private static readonly GeneratedKey Key = KeyGenerator.Generate(KeyAlgorithm.EcdsaP256);
    private static readonly DateTimeOffset Started = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static StepRecordingOperation Operation => StepRecordingOperation.WithSigner(KeyLoader.LoadSignerFromPem(Key.PrivateKeyPem, []));

    [TestMethod]
    [DataRow(Dialect.Cilock, "buildDefinition", "2026-11-24T10:00:00Z")]
    [DataRow(Dialect.Witness, "build_definition", null)]
    public void Execute_SlsaOn_ProvenanceWithTheStepTimesInBothDialects(Dialect dialect, string definitionMember, string? startedText)
    {
        using var dir = new TempDirectory();
        var result = Operation.Execute(Options(dir) with { Dialect = dialect });

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var entry = Entry(result.EnvelopePath!);
        Assert.IsTrue(entry.TryGetProperty(definitionMember, out _), entry.GetRawText());
        var provenance = SlsaProvenance.FromJson(SlsaUris.CollectionPredicateType, System.Text.Json.Nodes.JsonNode.Parse(entry.GetRawText()));
        Assert.AreEqual("pack App.csproj -p:Configuration=Release", provenance.Command);
        Assert.AreEqual(Started, provenance.StartedOn);
        Assert.AreEqual(Started.AddSeconds(30), provenance.FinishedOn);
        Assert.AreEqual(SlsaUris.BuildType(dialect), provenance.BuildType);
        if (startedText is not null)
        {
            Assert.AreEqual(startedText, entry.GetProperty("runDetails").GetProperty("metadata").GetProperty("startedOn").GetString());
        }
    }

    [TestMethod]
    public void Execute_SlsaOff_NoProvenance()
    {
        using var dir = new TempDirectory();
        var result = Operation.Execute(Options(dir) with { SlsaProvenance = false });

        Assert.IsTrue(result.Succeeded);
        using var statement = JsonDocument.Parse(DsseEnvelope.Parse(File.ReadAllText(result.EnvelopePath!)).Payload);
        Assert.IsFalse(statement.RootElement.GetProperty("predicate").GetProperty("attestations").EnumerateArray()
            .Any(e => e.GetProperty("type").GetString() == SlsaUris.CollectionPredicateType));
        var e = Assert.ThrowsExactly<CilockException>(() => Operation.ExportSlsaStatements(Options(dir), result.EnvelopePath!));
        Assert.AreEqual(SlsaDiagnostics.ExportFailed, e.Code);
        Assert.IsFalse(File.Exists(dir.Combine("out", "App.1.0.0.provenance.intoto.json")), "nothing written");
    }

    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public void ExportSlsaStatements_SignedSpecStatementAboutTheNupkg(Dialect dialect)
    {
        using var dir = new TempDirectory();
        var options = Options(dir) with { Dialect = dialect };
        var result = Operation.Execute(options);
        var written = Operation.ExportSlsaStatements(options, result.EnvelopePath!);

        CollectionAssert.AreEqual(new[] { dir.Combine("out", "App.1.0.0.provenance.intoto.json") }, written.ToArray());
        var envelope = DsseEnvelope.Parse(File.ReadAllText(written[0]));
        Assert.IsTrue(DsseVerifier.Verify(envelope, new DsseVerificationOptions { Verifiers = [KeyLoader.LoadVerifierFromPem(Key.PublicKeyPem)] }).IsValid);
        using var statement = JsonDocument.Parse(envelope.Payload);
        var root = statement.RootElement;
        Assert.AreEqual(Statement.TypeV1, root.GetProperty("_type").GetString());
        Assert.AreEqual(SlsaUris.SpecPredicateType, root.GetProperty("predicateType").GetString());
        var subject = root.GetProperty("subject").EnumerateArray().Single();
        Assert.AreEqual("App.1.0.0.nupkg", subject.GetProperty("name").GetString());
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("nupkg"u8)), subject.GetProperty("digest").GetProperty("sha256").GetString());
        var predicate = root.GetProperty("predicate");
        Assert.AreEqual(SlsaUris.CilockBuildType, predicate.GetProperty("buildDefinition").GetProperty("buildType").GetString());
        Assert.AreEqual("https://aflock.ai/attestation-default-builder@v0.1", predicate.GetProperty("runDetails").GetProperty("builder").GetProperty("id").GetString());
        Assert.AreEqual("2026-11-24T10:00:30Z", predicate.GetProperty("runDetails").GetProperty("metadata").GetProperty("finishedOn").GetString());
    }

    [TestMethod]
    public void ExportSlsaStatements_NoPackageProduct_ThrowsCil6201()
    {
        using var dir = new TempDirectory();
        var options = Options(dir);
        var result = Operation.Execute(options);

        var e = Assert.ThrowsExactly<CilockException>(() => Operation.ExportSlsaStatements(options with { Products = [] }, result.EnvelopePath!));

        Assert.AreEqual(SlsaDiagnostics.ExportFailed, e.Code);
    }

    [TestMethod]
    public void ExportSlsaStatements_EvidenceMissing_ThrowsCil6201()
    {
        using var dir = new TempDirectory();

        var e = Assert.ThrowsExactly<CilockException>(() => Operation.ExportSlsaStatements(Options(dir), dir.Combine("obj", "cilock", "absent.intoto.json")));

        Assert.AreEqual(SlsaDiagnostics.ExportFailed, e.Code);
    }

    private static JsonElement Entry(string envelopePath)
    {
        using var statement = JsonDocument.Parse(DsseEnvelope.Parse(File.ReadAllText(envelopePath)).Payload);
        return statement.RootElement.GetProperty("predicate").GetProperty("attestations").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == SlsaUris.CollectionPredicateType).GetProperty("attestation").Clone();
    }

    private static StepRecordingOptions Options(TempDirectory dir) => new()
    {
        StepName = "pack",
        EvidencePath = dir.Combine("obj", "cilock", "pack.intoto.json"),
        ProjectDirectory = dir.Path,
        WorkingDirectory = dir.Path,
        Attestors = ["material", "command-run", "product"],
        Environment = new Dictionary<string, string>(),
        Command = ["pack", "App.csproj", "-p:Configuration=Release"],
        Materials = [dir.WriteFile("obj/App.dll", "dll")],
        Products = [dir.WriteFile("out/App.1.0.0.nupkg", "nupkg")],
        SlsaProvenance = true,
        StepStartedOn = Started,
        StepFinishedOn = Started.AddSeconds(30),
    };
}

using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Evidence;
using Cilock.TestUtilities;

namespace Cilock.Policy.Tests.Evidence;

/// <summary>
/// <see cref="FileEvidenceSource"/>: damaged files in evidence directories are reported by name, Sigstore bundles go
/// through the bundle reader, an envelope and its sibling bundle count once, and a rejected bundle withdraws its sibling.
/// </summary>
[TestClass]
public sealed class EvidenceFileSourceTests
{
    private static DsseEnvelope Envelope(string step = "build")
    {
        var statement = new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v0.1",
            ["subject"] = new JsonArray(new JsonObject { ["name"] = "a", ["digest"] = new JsonObject { ["sha256"] = new string('a', 64) } }),
            ["predicateType"] = "x",
            ["predicate"] = new JsonObject { ["name"] = step },
        };
        var payload = Encoding.UTF8.GetBytes(statement.ToJsonString());
        var signer = KeyLoader.LoadSignerFromPem(KeyGenerator.Generate().PrivateKeyPem, []);
        return DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, payload, [signer]);
    }

    private static string BundleJson(DsseEnvelope envelope) => new JsonObject
    {
        ["mediaType"] = "application/vnd.dev.sigstore.bundle.v0.3+json",
        ["verificationMaterial"] = new JsonObject(),
        ["dsseEnvelope"] = new JsonObject
        {
            ["payload"] = Convert.ToBase64String(envelope.Payload),
            ["payloadType"] = envelope.PayloadType,
            ["signatures"] = new JsonArray(new JsonObject { ["sig"] = Convert.ToBase64String(envelope.Signatures[0].Signature) }),
        },
    }.ToJsonString();

    /// <summary>Accepts every bundle whose text does not contain "REJECT"; remembers what it read.</summary>
    private sealed class FakeReader : IBundleEvidenceReader
    {
        public List<string> Read { get; } = [];

        EvidenceEnvelope IBundleEvidenceReader.Read(string reference, byte[] utf8Json)
        {
            Read.Add(reference);
            var text = Encoding.UTF8.GetString(utf8Json);
            if (text.Contains("REJECT", StringComparison.Ordinal))
            {
                throw new CilockException(EvidenceDiagnostics.BundleRejected, "CIL6033: the inclusion proof does not rebuild the root");
            }

            var json = JsonNode.Parse(text)!["dsseEnvelope"]!;
            var envelope = new DsseEnvelope(json["payloadType"]!.GetValue<string>(), Convert.FromBase64String(json["payload"]!.GetValue<string>()), [new DsseSignature { Signature = Convert.FromBase64String(json["signatures"]![0]!["sig"]!.GetValue<string>()) }]);
            return new EvidenceEnvelope(reference, envelope) { Sigstore = new SigstoreProof(reference, envelope, [DateTimeOffset.UnixEpoch]) };
        }
    }

    [TestMethod]
    [DataRow("{\"payloadType\": ", DisplayName = "truncated JSON")]
    [DataRow("{\"a\":1,}", DisplayName = "trailing comma")]
    [DataRow("not json at all", DisplayName = "plain text")]
    public void Load_DamagedJsonInDirectory_CodedWarningNamingTheFile(string content)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("good.json"), Envelope().ToJson());
        var damaged = dir.WriteFile("damaged.json", content);
        var diagnostics = new List<Diagnostic>();

        var loaded = new FileEvidenceSource([dir.Path]).Load(diagnostics);

        Assert.HasCount(1, loaded);
        var warning = diagnostics.Single();
        Assert.AreEqual(EvidenceDiagnostics.EvidenceFileDamaged, warning.Code);
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(damaged, warning.File);
    }

    [TestMethod]
    public void Load_InvalidUtf8InDirectory_CodedWarning()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("binary.json");
        File.WriteAllBytes(file, [0x7B, 0xC3, 0x28, 0x7D]);
        var diagnostics = new List<Diagnostic>();

        var loaded = new FileEvidenceSource([dir.Path]).Load(diagnostics);

        Assert.IsEmpty(loaded);
        Assert.AreEqual(EvidenceDiagnostics.EvidenceFileDamaged, diagnostics.Single().Code);
        Assert.AreEqual(file, diagnostics.Single().File);
    }

    [TestMethod]
    public void Load_DamagedJsonLinesInDirectory_CodedWarning()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("evidence.intoto.jsonl", "{\"note\":1}\n{\"payload\":");
        var diagnostics = new List<Diagnostic>();

        new FileEvidenceSource([dir.Path]).Load(diagnostics);

        Assert.AreEqual(EvidenceDiagnostics.EvidenceFileDamaged, diagnostics.Single().Code);
        Assert.AreEqual(file, diagnostics.Single().File);
    }

    [TestMethod]
    public void Load_DamagedEnvelopeInDirectory_StillEvidenceUnreadable()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("build.json", Envelope().ToJson()[..^3]);
        var diagnostics = new List<Diagnostic>();

        new FileEvidenceSource([dir.Path]).Load(diagnostics);

        Assert.AreEqual(PolicyDiagnostics.EvidenceUnreadable, diagnostics.Single().Code, diagnostics.Single().Message);
        Assert.AreEqual(file, diagnostics.Single().File);
    }

    [TestMethod]
    public void Load_WellFormedOtherJsonInDirectory_SkippedQuietly()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("sbom.json", "{\"bomFormat\":\"CycloneDX\"}");
        var diagnostics = new List<Diagnostic>();

        var loaded = new FileEvidenceSource([dir.Path]).Load(diagnostics);

        Assert.IsEmpty(loaded);
        Assert.IsEmpty(diagnostics);
    }

    [TestMethod]
    public void Load_BundleWithoutReader_SkippedWithWarning()
    {
        using var dir = new TempDirectory();
        var bundle = dir.WriteFile("build.sigstore.json", BundleJson(Envelope()));
        var diagnostics = new List<Diagnostic>();

        var loaded = new FileEvidenceSource([dir.Path]).Load(diagnostics);

        Assert.IsEmpty(loaded);
        Assert.AreEqual(EvidenceDiagnostics.BundleUnsupported, diagnostics.Single().Code);
        Assert.AreEqual(bundle, diagnostics.Single().File);
    }

    [TestMethod]
    public void Load_BundleBesideItsEnvelopeWithoutReader_EnvelopeReadBundleSkippedQuietly()
    {
        using var dir = new TempDirectory();
        var envelope = Envelope();
        dir.WriteFile("build.intoto.json", envelope.ToJson());
        dir.WriteFile("build.sigstore.json", BundleJson(envelope));
        var diagnostics = new List<Diagnostic>();

        var loaded = new FileEvidenceSource([dir.Path]).Load(diagnostics);

        Assert.HasCount(1, loaded);
        Assert.IsEmpty(diagnostics, string.Join("; ", diagnostics));
    }

    [TestMethod]
    public void Load_BundleAlone_ReadThroughReaderWithProof()
    {
        using var dir = new TempDirectory();
        var bundle = dir.WriteFile("build.sigstore.json", BundleJson(Envelope()));
        var reader = new FakeReader();
        var diagnostics = new List<Diagnostic>();

        var loaded = new FileEvidenceSource([bundle]) { BundleReader = reader }.Load(diagnostics);

        Assert.AreEqual(bundle, loaded.Single().Reference);
        Assert.IsNotNull(loaded.Single().Sigstore);
        Assert.IsEmpty(diagnostics);
    }

    [TestMethod]
    public void Load_BundleByMediaTypeWithOtherName_ReadAsBundle()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("build.bundle.json", BundleJson(Envelope()));
        var reader = new FakeReader();

        var loaded = new FileEvidenceSource([dir.Path]) { BundleReader = reader }.Load([]);

        Assert.HasCount(1, reader.Read);
        Assert.IsNotNull(loaded.Single().Sigstore);
    }

    [TestMethod]
    public void Load_EnvelopeAndSiblingBundle_CountedOnceWithProof()
    {
        using var dir = new TempDirectory();
        var envelope = Envelope();
        var envelopePath = dir.WriteFile("build.intoto.json", envelope.ToJson());
        dir.WriteFile("build.sigstore.json", BundleJson(envelope));
        dir.WriteFile("test.intoto.json", Envelope("test").ToJson());
        var diagnostics = new List<Diagnostic>();

        var loaded = new FileEvidenceSource([dir.Path]) { BundleReader = new FakeReader() }.Load(diagnostics);

        Assert.HasCount(2, loaded);
        var build = loaded.Single(e => e.Sigstore is not null);
        Assert.AreEqual(envelopePath, build.Reference);
        CollectionAssert.AreEqual(envelope.Payload, build.Envelope.Payload);
        Assert.AreEqual(1, loaded.Count(e => e.PayloadSha256 == build.PayloadSha256));
        Assert.IsEmpty(diagnostics);
    }

    [TestMethod]
    public void Load_RejectedBundle_ErrorAndSiblingEnvelopeWithdrawn()
    {
        using var dir = new TempDirectory();
        var envelope = Envelope();
        var envelopePath = dir.WriteFile("build.intoto.json", envelope.ToJson());
        var bundlePath = dir.WriteFile("build.sigstore.json", BundleJson(envelope).Replace("{\"mediaType\"", "{\"note\":\"REJECT\",\"mediaType\"", StringComparison.Ordinal));
        dir.WriteFile("test.intoto.json", Envelope("test").ToJson());
        var diagnostics = new List<Diagnostic>();

        var loaded = new FileEvidenceSource([dir.Path]) { BundleReader = new FakeReader() }.Load(diagnostics);

        Assert.HasCount(1, loaded);
        Assert.AreNotEqual(envelopePath, loaded[0].Reference);
        var rejected = diagnostics.Single(d => d.Code == EvidenceDiagnostics.BundleRejected);
        Assert.AreEqual(DiagnosticSeverity.Error, rejected.Severity);
        Assert.AreEqual(bundlePath, rejected.File);
        Assert.Contains("CIL6033", rejected.Message);
        Assert.AreEqual(envelopePath, diagnostics.Single(d => d.Code == EvidenceDiagnostics.EvidenceWithdrawn).File);
    }

    [TestMethod]
    public void Load_NamedEnvelopeThatIsNotDsse_StillWarnsEvidenceUnreadable()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("policy.json", "{\"steps\":{}}");
        var diagnostics = new List<Diagnostic>();

        new FileEvidenceSource([file]).Load(diagnostics);

        Assert.AreEqual(PolicyDiagnostics.EvidenceUnreadable, diagnostics.Single().Code);
    }

    [TestMethod]
    public void Catalog_CodesUniqueInRangeAndDocumented() =>
        DiagnosticCatalog.AssertWellFormed(typeof(EvidenceDiagnostics), 6060, 6079);
}

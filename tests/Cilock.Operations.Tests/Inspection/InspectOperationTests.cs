using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.Inspection;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Inspection;

[TestClass]
public sealed class InspectOperationTests
{
    [TestMethod]
    public void Execute_WitnessCollection_ReadsNameSubjectsAndEntries()
    {
        using var dir = new TempDirectory();
        var statement = new Statement(
            AttestationTypes.CollectionWitness,
            [new Subject("https://witness.dev/attestations/product/v0.1/file:a.txt", [new("sha256", new string('a', 64))])],
            JsonNode.Parse("""{"name":"test","attestations":[{"type":"https://witness.dev/attestations/git/v0.1","attestation":{},"starttime":"2024-02-19T18:44:57.624055Z","endtime":"2024-02-19T18:44:58Z"},{"type":"https://example.com/unknown/v9","attestation":{"x":1},"starttime":"2024-02-19T18:44:57Z","endtime":"2024-02-19T18:44:57Z"}]}"""));
        var file = dir.WriteFile("w.json", Sign(statement).ToJson());

        var report = InspectOperation.Execute(file);

        Assert.AreEqual(EvidenceFileKind.Envelope, report.Kind);
        var st = report.Envelopes.Single().Statement!;
        Assert.AreEqual(AttestationTypes.CollectionWitness, st.PredicateType);
        Assert.AreEqual("test", st.Collection!.Name);
        Assert.HasCount(2, st.Collection.Entries, "unknown types are kept");
        Assert.AreEqual("https://example.com/unknown/v9", st.Collection.Entries[1].Type);
        Assert.AreEqual(new DateTimeOffset(2024, 2, 19, 18, 44, 58, TimeSpan.Zero), st.Collection.Entries[0].EndTime);
    }

    [TestMethod]
    public void Execute_NonCollectionStatement_HasNoCollection()
    {
        using var dir = new TempDirectory();
        var statement = new Statement("https://slsa.dev/provenance/v1", [], JsonNode.Parse("{}"), Statement.TypeV1);
        var file = dir.WriteFile("p.json", Sign(statement).ToJson());

        var st = InspectOperation.Execute(file).Envelopes.Single().Statement!;

        Assert.AreEqual(Statement.TypeV1, st.Type);
        Assert.IsNull(st.Collection);
    }

    [TestMethod]
    public void Execute_PolicyPayloadType_NotDecodedAsStatement()
    {
        using var dir = new TempDirectory();
        var envelope = DsseSigner.Sign("https://witness.testifysec.com/policy/v0.1", """{"expires":"2030-01-01T00:00:00Z","steps":{}}"""u8.ToArray(), [TestKeys.Ephemeral()]);
        var file = dir.WriteFile("policy.signed.json", envelope.ToJson());

        var e = InspectOperation.Execute(file).Envelopes.Single();

        Assert.AreEqual("https://witness.testifysec.com/policy/v0.1", e.PayloadType);
        Assert.IsNull(e.Statement);
        Assert.IsNull(e.PayloadError);
    }

    [TestMethod]
    public void Execute_CertificateSignature_ShowsSubject()
    {
        using var dir = new TempDirectory();
        using var ec = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=builder", ec, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var signature = new DsseSignature { KeyId = "k", Signature = [1, 2], CertificatePem = cert.ExportCertificatePem(), Timestamps = [[0x30, 0x00]] };
        var file = dir.WriteFile("c.json", new DsseEnvelope(DsseEnvelope.InTotoPayloadType, """{"predicateType":"x"}"""u8.ToArray(), [signature]).ToJson());

        var s = InspectOperation.Execute(file).Envelopes.Single().Signatures.Single();

        Assert.AreEqual("CN=builder", s.CertificateSubject);
        Assert.AreEqual(1, s.TimestampCount);
        Assert.IsNotNull(s.CertificateNotAfter);
    }

    [TestMethod]
    public void Execute_SingleLineJsonlFile_IsJsonLines()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("a.intoto.jsonl", Sign(new Statement("x", [], null)).ToJson() + "\n");

        Assert.AreEqual(EvidenceFileKind.JsonLines, InspectOperation.Execute(file).Kind);
    }

    [TestMethod]
    public void Execute_InvalidUtf8_Cil1522()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("bin.json");
        File.WriteAllBytes(file, [0x7b, 0xff, 0xfe, 0x7d]);

        var e = Assert.ThrowsExactly<CilockException>(() => InspectOperation.Execute(file));

        Assert.AreEqual(OperationDiagnostics.UnrecognizedEvidence, e.Code);
    }

    [TestMethod]
    public void ToJson_Report_HasStableMemberNames()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("e.json", Sign(new Statement(AttestationTypes.CollectionCilock, [], JsonNode.Parse("""{"name":"s","attestations":[]}"""))).ToJson());

        var json = InspectOperation.Execute(file).ToJson();

        Assert.AreEqual("envelope", json["kind"]!.GetValue<string>());
        Assert.AreEqual(file, json["path"]!.GetValue<string>());
        var envelope = json["envelopes"]![0]!.AsObject();
        CollectionAssert.IsSubsetOf(new[] { "line", "payloadType", "payloadLength", "signatures", "statement" }, envelope.Select(p => p.Key).ToArray());
        Assert.AreEqual("s", envelope["statement"]!["collection"]!["name"]!.GetValue<string>());
    }

    private static DsseEnvelope Sign(Statement statement) =>
        DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement.ToJsonBytes(), [TestKeys.Ephemeral()]);
}

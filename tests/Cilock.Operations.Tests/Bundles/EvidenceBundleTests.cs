using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Bundles;
using Cilock.Operations.Tests.Archivista;
using Cilock.Operations.Verification;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Bundles;

[TestClass]
public sealed class EvidenceBundleTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 10, 2, 3, 500, TimeSpan.Zero);

    [TestMethod]
    public void WriteRead_RoundTrip_DeduplicatesAndKeepsOrder()
    {
        using var dir = new TempDirectory();
        var signer = TestKeys.Ephemeral();
        var a = ArchivedEvidence.Collection(signer, "build", ArchivedEvidence.Digest('a'));
        var b = ArchivedEvidence.Collection(signer, "pack", ArchivedEvidence.Digest('b'));
        var path = dir.Combine("evidence.tar.gz");

        var manifest = EvidenceBundle.Write(path, [a, b, a], Created, "file", subjects: ["B" + new string('b', 63), "a", "a"]);
        var read = EvidenceBundle.Read(path);

        Assert.AreEqual(2, manifest.Count);
        CollectionAssert.AreEqual(new[] { "a", "b" + new string('b', 63) }, read.Manifest.Subjects.ToArray());
        CollectionAssert.AreEqual(new[] { a.ToJson(), b.ToJson() }, read.Envelopes.Select(e => e.ToJson()).ToArray());
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(a.ToJson()))), read.Manifest.Envelopes[0].Sha256);
        Assert.AreEqual(signer.KeyId, read.Manifest.Envelopes[1].SignerKeyIds.Single());
        Assert.AreEqual(DsseEnvelope.InTotoPayloadType, read.Manifest.Envelopes[1].PayloadType);
    }

    [TestMethod]
    public void Write_ArchiveLayout_TwoRootFilesMode0644MtimeCreatedAtSpecManifest()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("evidence.tar.gz");
        EvidenceBundle.Write(path, [ArchivedEvidence.Collection(TestKeys.Ephemeral(), "build", ArchivedEvidence.Digest('a'))], Created, "file");

        var entries = Entries(File.ReadAllBytes(path));

        CollectionAssert.AreEqual(new[] { "bundle.json", "attestations.jsonl" }, entries.Select(e => e.Name).ToArray());
        Assert.IsTrue(entries.All(e => e.Mode == (UnixFileMode)0b110_100_100), "mode 0644");
        Assert.IsTrue(entries.All(e => e.Mtime == new DateTimeOffset(2026, 11, 24, 10, 2, 3, TimeSpan.Zero)));
        var manifest = Encoding.UTF8.GetString(entries[0].Data);
        StringAssert.StartsWith(manifest, "{\n  \"schemaVersion\": \"https://aflock.ai/bundle/v0.1\",\n  \"createdAt\": \"2026-11-24T10:02:03Z\",\n  \"source\": \"file\",\n  \"count\": 1,\n  \"envelopes\": [");
        var jsonl = Encoding.UTF8.GetString(entries[1].Data);
        Assert.IsTrue(jsonl.EndsWith('\n') && jsonl.Count(c => c == '\n') == 1, "one compact line terminated by \\n");
    }

    [TestMethod]
    public void ManifestJson_GoEscaping_RawPlusEscapedAmpersand()
    {
        var manifest = new BundleManifest
        {
            CreatedAt = Created,
            Source = "archivista",
            SourceUrl = "https://archivista.example/?a=1&b=<2>",
            Count = 1,
            Envelopes = [new BundleEnvelopeEntry("ab", "application/vnd.in-toto+json", ["k1"])],
        };

        var json = manifest.ToJson();

        StringAssert.Contains(json, "\"sourceURL\": \"https://archivista.example/?a=1\\u0026b=\\u003c2\\u003e\"");
        StringAssert.Contains(json, "\"payloadType\": \"application/vnd.in-toto+json\"");
        StringAssert.Contains(json, "\"signerKeyIDs\": [\n        \"k1\"\n      ]");
        Assert.AreEqual(manifest.SourceUrl, BundleManifest.Parse(System.Text.Encoding.UTF8.GetBytes(json)).SourceUrl);
    }

    [TestMethod]
    [DataRow("../bundle.json")]
    [DataRow("/bundle.json")]
    [DataRow("x/../../attestations.jsonl")]
    public void Read_PathTraversalEntry_Refused(string name)
    {
        var bytes = Archive(("bundle.json", ValidManifest(0)), ("attestations.jsonl", ""u8.ToArray()), (name, "x"u8.ToArray()));

        var e = Assert.ThrowsExactly<CilockException>(() => EvidenceBundle.Read(new MemoryStream(bytes)));

        Assert.AreEqual(CiDiagnostics.BundleInvalid, e.Code);
        StringAssert.Contains(e.Message, "unsafe path");
    }

    [TestMethod]
    public void Read_SymlinkNamedManifest_Refused()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "bundle.json") { LinkName = "/etc/passwd" });
        }

        Assert.AreEqual(CiDiagnostics.BundleInvalid, Assert.ThrowsExactly<CilockException>(() => EvidenceBundle.Read(new MemoryStream(buffer.ToArray()))).Code);
    }

    [TestMethod]
    public void Read_LineDoesNotMatchManifestDigest_Refused()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("b.tar.gz");
        EvidenceBundle.Write(path, [ArchivedEvidence.Collection(TestKeys.Ephemeral(), "build", ArchivedEvidence.Digest('a'))], Created);
        var entries = Entries(File.ReadAllBytes(path));
        var other = Encoding.UTF8.GetBytes(ArchivedEvidence.Collection(TestKeys.Ephemeral(), "build", ArchivedEvidence.Digest('f')).ToJson() + "\n");

        var e = Assert.ThrowsExactly<CilockException>(() => EvidenceBundle.Read(new MemoryStream(Archive(("bundle.json", entries[0].Data), ("attestations.jsonl", other)))));

        StringAssert.Contains(e.Message, "does not match its manifest digest");
    }

    [TestMethod]
    public void Read_MissingEnvelopesFileOrNotGzip_Refused()
    {
        Assert.AreEqual(CiDiagnostics.BundleInvalid, Assert.ThrowsExactly<CilockException>(() => EvidenceBundle.Read(new MemoryStream(Archive(("bundle.json", ValidManifest(0)))))).Code);
        Assert.AreEqual(CiDiagnostics.BundleInvalid, Assert.ThrowsExactly<CilockException>(() => EvidenceBundle.Read(new MemoryStream("not a tarball"u8.ToArray()))).Code);
    }

    [TestMethod]
    public void Read_OtherEntriesAndBlankLines_Ignored()
    {
        var line = ArchivedEvidence.Collection(TestKeys.Ephemeral(), "build", ArchivedEvidence.Digest('a')).ToJson();
        var bytes = Archive(("README.md", "hi"u8.ToArray()), ("bundle.json", ValidManifest(1)), ("attestations.jsonl", Encoding.UTF8.GetBytes("\n" + line + "\n\n")));

        Assert.AreEqual(1, EvidenceBundle.Read(new MemoryStream(bytes)).Envelopes.Count);
    }

    [TestMethod]
    public async Task CreateThenVerifyOffline_Passes_TamperedEnvelopeFails()
    {
        using var dir = new TempDirectory();
        var (options, envelopePath) = await ArchivistaVerifyTests.RecordAndPolicyAsync(dir);
        var bundle = dir.Combine("evidence.tar.gz");
        var manifest = await BundleCreateOperation.ExecuteAsync(
            new BundleCreateOptions { OutputPath = bundle, Attestations = [envelopePath], Subjects = options.Subjects }, new List<Diagnostic>());

        var pass = VerifyOperation.CreateDefault().Execute(options with { Bundles = [bundle] });

        Assert.AreEqual("file", manifest.Source);
        Assert.AreEqual(0, pass.ExitCode, string.Join("\n", pass.Diagnostics));

        var original = DsseEnvelope.Parse(File.ReadAllBytes(envelopePath));
        var payload = (byte[])original.Payload.Clone();
        payload[Array.IndexOf(payload, (byte)'b')] = (byte)'B';
        var forged = dir.Combine("forged.tar.gz");
        EvidenceBundle.Write(forged, [new DsseEnvelope(original.PayloadType, payload, original.Signatures)], Created);
        Assert.AreEqual(1, VerifyOperation.CreateDefault().Execute(options with { Bundles = [forged] }).ExitCode);
    }

    [TestMethod]
    public async Task Create_NoInput_Cil1731()
    {
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => BundleCreateOperation.ExecuteAsync(new BundleCreateOptions { OutputPath = "x.tar.gz" }, new List<Diagnostic>()));
        Assert.AreEqual(CiDiagnostics.BundleInputInvalid, e.Code);
    }

    private static byte[] ValidManifest(int count) =>
        Encoding.UTF8.GetBytes($"{{\"schemaVersion\":\"https://aflock.ai/bundle/v0.1\",\"createdAt\":\"2026-11-24T10:02:03.5Z\",\"count\":{count}}}");

    private static byte[] Archive(params (string Name, byte[] Data)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, data) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return buffer.ToArray();
    }

    private static List<(string Name, UnixFileMode Mode, DateTimeOffset Mtime, byte[] Data)> Entries(byte[] bytes)
    {
        var result = new List<(string, UnixFileMode, DateTimeOffset, byte[])>();
        using var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } e)
        {
            using var data = new MemoryStream();
            e.DataStream?.CopyTo(data);
            result.Add((e.Name, e.Mode, e.ModificationTime, data.ToArray()));
        }

        return result;
    }
}

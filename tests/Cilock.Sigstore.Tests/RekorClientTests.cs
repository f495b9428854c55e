using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Rekor;
using Cilock.Sigstore.Signing;
using Cilock.Sigstore.Tests.Fakes;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class RekorClientTests
{
    private static readonly SigstoreHttpSettings Fast = new() { Timeout = TimeSpan.FromSeconds(5), MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(10) };

    private static string Answer(string kind, string version, bool proof = true, bool set = true)
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["apiVersion"] = version, ["kind"] = kind, ["spec"] = new JsonObject() }.ToJsonString()));
        var verification = new JsonObject();
        if (set)
        {
            verification["signedEntryTimestamp"] = "MEUCIQ==";
        }

        if (proof)
        {
            verification["inclusionProof"] = new JsonObject { ["checkpoint"] = "log\n8\nAAAA\n\n— log sig\n", ["hashes"] = new JsonArray("00ff"), ["logIndex"] = 3, ["rootHash"] = "abcd", ["treeSize"] = 8 };
        }

        return new JsonObject
        {
            ["24296fb24b8ad77a"] = new JsonObject { ["body"] = body, ["integratedTime"] = 1700000000, ["logID"] = "c0d23d6a", ["logIndex"] = 12345, ["verification"] = verification },
        }.ToJsonString();
    }

    [TestMethod]
    public async Task Upload_Answer_ReadsProofCheckpointAndSet()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(201, Answer("hashedrekord", "0.0.1"), "application/json"));

        var entry = await new RekorClient(server.Url, new SigstoreHttp(Fast)).UploadAsync(RekorProposedEntries.HashedRekord(new byte[32], [1], "PEM"), default);

        Assert.AreEqual(12345, entry.LogIndex);
        CollectionAssert.AreEqual(new byte[] { 0xc0, 0xd2, 0x3d, 0x6a }, entry.LogId);
        Assert.AreEqual(DateTimeOffset.FromUnixTimeSeconds(1700000000), entry.IntegratedTime);
        Assert.AreEqual(3, entry.InclusionProof!.LogIndex);
        Assert.AreEqual(8, entry.InclusionProof.TreeSize);
        CollectionAssert.AreEqual(new byte[] { 0x00, 0xff }, entry.InclusionProof.Hashes[0]);
        StringAssert.StartsWith(entry.InclusionProof.Checkpoint, "log\n8\n");
        Assert.IsNotNull(entry.SignedEntryTimestamp);
        StringAssert.Contains(server.Received.Single(), "POST http://127.0.0.1:" + server.Url.Port + "/api/v1/log/entries");
    }

    [TestMethod]
    [DataRow("intoto", "0.0.2", "not the proposed")]
    [DataRow("hashedrekord", "0.0.2", "not the proposed")]
    public async Task Upload_StoredAnotherKind_Cil6106(string kind, string version, string reason)
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(201, Answer(kind, version), "application/json"));

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new RekorClient(server.Url, new SigstoreHttp(Fast)).UploadAsync(RekorProposedEntries.HashedRekord(new byte[32], [1], "PEM"), default));

        Assert.AreEqual(KeylessDiagnostics.RekorResponseInvalid, e.Code);
        StringAssert.Contains(e.Message, reason);
    }

    [TestMethod]
    [DataRow("{}")]
    [DataRow("""{"a":{"body":"!!"}}""")]
    [DataRow("[]")]
    public async Task Upload_MalformedAnswer_Cil6106(string answer)
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(201, answer, "application/json"));

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new RekorClient(server.Url, new SigstoreHttp(Fast)).UploadAsync(RekorProposedEntries.HashedRekord(new byte[32], [1], "PEM"), default));

        Assert.AreEqual(KeylessDiagnostics.RekorResponseInvalid, e.Code);
    }

    [TestMethod]
    public async Task Upload_NoProofNoSet_Cil6106()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(201, Answer("hashedrekord", "0.0.1", proof: false, set: false), "application/json"));

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new RekorClient(server.Url, new SigstoreHttp(Fast)).UploadAsync(RekorProposedEntries.HashedRekord(new byte[32], [1], "PEM"), default));

        Assert.AreEqual(KeylessDiagnostics.RekorResponseInvalid, e.Code);
    }

    [TestMethod]
    public void Intoto_Entry_DoubleEncodesAndHashesLikeSigstoreClients()
    {
        var entry = RekorProposedEntries.Intoto("application/vnd.in-toto+json", "{}"u8.ToArray(), [0xAB], "-----BEGIN CERTIFICATE-----\nX+/=\n-----END CERTIFICATE-----\n");

        var content = entry["spec"]!["content"]!;
        Assert.AreEqual(Convert.ToBase64String(Encoding.UTF8.GetBytes(Convert.ToBase64String("{}"u8.ToArray()))), (string)content["envelope"]!["payload"]!);
        Assert.AreEqual(Convert.ToBase64String(Encoding.UTF8.GetBytes("qw==")), (string)content["envelope"]!["signatures"]![0]!["sig"]!);
        // sha256("{}")
        Assert.AreEqual("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", (string)content["payloadHash"]!["value"]!);
        // The canonical form keeps '+' and '/' unescaped and escapes the newlines.
        const string canonical = "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"publicKey\":\"-----BEGIN CERTIFICATE-----\\nX+/=\\n-----END CERTIFICATE-----\\n\",\"sig\":\"qw==\"}]}";
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), (string)content["hash"]!["value"]!);
    }
}

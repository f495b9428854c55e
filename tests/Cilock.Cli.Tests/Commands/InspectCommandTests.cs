using System.Text.Json.Nodes;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Commands;

[TestClass]
public sealed class InspectCommandTests
{
    [TestMethod]
    public void Inspect_Envelope_TextShowsTypeKeySubjectsAndAttestations()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var envelope = TestEvidence.Sign(key);
        var file = dir.WriteFile("e.json", envelope.ToJson());

        var result = CliHarness.Invoke("inspect", file);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var text = result.StandardOutput;
        StringAssert.Contains(text, "DSSE envelope");
        StringAssert.Contains(text, "application/vnd.in-toto+json");
        StringAssert.Contains(text, envelope.Signatures[0].KeyId);
        StringAssert.Contains(text, "https://aflock.ai/attestation-collection/v0.1");
        StringAssert.Contains(text, "file:app.dll");
        StringAssert.Contains(text, TestEvidence.ProductDigest);
        StringAssert.Contains(text, "collection:   build");
        StringAssert.Contains(text, "https://aflock.ai/attestations/environment/v0.1  2026-11-24T10:00:00.123Z");
    }

    [TestMethod]
    public void Inspect_JsonFormat_IsMachineReadable()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var envelope = TestEvidence.Sign(key);
        var file = dir.WriteFile("e.json", envelope.ToJson());

        var result = CliHarness.Invoke("inspect", file, "--format", "json");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var json = JsonNode.Parse(result.StandardOutput)!;
        Assert.AreEqual("envelope", json["kind"]!.GetValue<string>());
        var e = json["envelopes"]![0]!;
        Assert.AreEqual("application/vnd.in-toto+json", e["payloadType"]!.GetValue<string>());
        Assert.AreEqual(envelope.Signatures[0].KeyId, e["signatures"]![0]!["keyid"]!.GetValue<string>());
        Assert.AreEqual("build", e["statement"]!["collection"]!["name"]!.GetValue<string>());
        Assert.AreEqual(TestEvidence.ProductDigest, e["statement"]!["subjects"]![0]!["digest"]!["sha256"]!.GetValue<string>());
        Assert.AreEqual("https://aflock.ai/attestations/environment/v0.1", e["statement"]!["collection"]!["attestations"]![0]!["type"]!.GetValue<string>());
    }

    [TestMethod]
    public void Inspect_JsonLines_ReportsEachEnvelopeWithItsLine()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var file = dir.WriteFile("x.intoto.jsonl", TestEvidence.Sign(key, TestEvidence.Statement("build")).ToJson() + "\n\n" + TestEvidence.Sign(key, TestEvidence.Statement("test")).ToJson() + "\n");

        var result = CliHarness.Invoke("inspect", file, "--format", "json");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var json = JsonNode.Parse(result.StandardOutput)!;
        Assert.AreEqual("jsonl", json["kind"]!.GetValue<string>());
        Assert.AreEqual(1, json["envelopes"]![0]!["line"]!.GetValue<int>());
        Assert.AreEqual(3, json["envelopes"]![1]!["line"]!.GetValue<int>());
        Assert.AreEqual("test", json["envelopes"]![1]!["statement"]!["collection"]!["name"]!.GetValue<string>());
    }

    [TestMethod]
    public void Inspect_BareStatement_IsRecognised()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("s.json");
        File.WriteAllBytes(file, TestEvidence.Statement().ToJsonBytes());

        var result = CliHarness.Invoke("inspect", file);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardOutput, "unsigned in-toto statement");
        StringAssert.Contains(result.StandardOutput, "collection:   build");
    }

    [TestMethod]
    public void Inspect_NonStatementPayload_ShownNotFatal()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("p.json", """{"payload":"bm90IGpzb24=","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"k","sig":"AAAA"}]}""");

        var result = CliHarness.Invoke("inspect", file);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardOutput, "not an in-toto statement (CIL1032");
    }

    [TestMethod]
    [DataRow("""{"payload":"eyJ4IjoxfQ==","payloadType":"application/vnd.in-toto+json","signatures":[""", "CIL1011", DisplayName = "truncated JSON")]
    [DataRow("""{"payload":"eyJ4Ijox!Q==","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"","sig":"AAAA"}]}""", "CIL1012", DisplayName = "invalid base64")]
    [DataRow("""{"payload":"eyJ4IjoxfQ","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"","sig":"AAAA"}]}""", "CIL1012", DisplayName = "unpadded base64")]
    [DataRow("""{"payload":"eyJ4IjoxfQ==","payloadType":"application/vnd.in-toto+json","signatures":[]}""", "CIL1013", DisplayName = "no signatures")]
    [DataRow("""{"hello":"world"}""", "CIL1522", DisplayName = "not evidence")]
    [DataRow("""[1,2,3]""", "CIL1522", DisplayName = "JSON array")]
    public void Inspect_MalformedInput_CodedErrorExit2(string content, string code)
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("bad.json", content);

        var result = CliHarness.Invoke("inspect", file);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, $"cilock: error {code}: ");
        Assert.AreEqual(1, result.StandardError.Trim().Split('\n').Length, "one line, no stack trace: " + result.StandardError);
    }

    [TestMethod]
    public void Inspect_MissingFileOrDirectory_CodedError()
    {
        using var dir = new TempDirectory();

        var missing = CliHarness.Invoke("inspect", dir.Combine("nope.json"));
        var directory = CliHarness.Invoke("inspect", dir.Path);

        Assert.AreEqual(2, missing.ExitCode);
        StringAssert.StartsWith(missing.StandardError, "cilock: error CIL1520: ");
        Assert.AreEqual(2, directory.ExitCode);
        StringAssert.StartsWith(directory.StandardError, "cilock: error CIL1521: ");
    }

    [TestMethod]
    public void Inspect_JsonLinesWithBadLine_ErrorNamesTheLine()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var file = dir.WriteFile("x.intoto.jsonl", TestEvidence.Sign(key).ToJson() + "\n{\"payload\":\"%%%\"}\n");

        var result = CliHarness.Invoke("inspect", file);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "line 2");
    }
}

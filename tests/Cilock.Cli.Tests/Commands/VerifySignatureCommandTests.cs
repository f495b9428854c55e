using Cilock.Attestation.Dsse;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Commands;

[TestClass]
public sealed class VerifySignatureCommandTests
{
    [TestMethod]
    public void VerifySignature_ValidEnvelope_Exit0WithKeyId()
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var envelope = TestEvidence.Sign(key);
        var file = dir.WriteFile("e.json", envelope.ToJson());

        var result = CliHarness.Invoke("verify-signature", file, "--key", pub);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardOutput, "signature valid");
        StringAssert.Contains(result.StandardOutput, envelope.Signatures[0].KeyId);
    }

    [TestMethod]
    public void VerifySignature_OtherKey_Exit1WithReason()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir, "signer");
        var (_, otherPub) = CliHarness.NewKey(dir, "other");
        var file = dir.WriteFile("e.json", TestEvidence.Sign(key).ToJson());

        var result = CliHarness.Invoke("verify-signature", file, "--key", otherPub);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL1010: ");
        StringAssert.Contains(result.StandardError, "no valid signatures");
    }

    [TestMethod]
    [DataRow("payload")]
    [DataRow("payloadType")]
    [DataRow("signature")]
    public void VerifySignature_Tampered_Exit1(string what)
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var envelope = TestEvidence.Sign(key);
        var tampered = what switch
        {
            "payload" => TestEvidence.TamperPayload(envelope),
            "payloadType" => new DsseEnvelope("application/vnd.in-toto+jsonx", envelope.Payload, envelope.Signatures),
            _ => new DsseEnvelope(envelope.PayloadType, envelope.Payload, [new DsseSignature { KeyId = envelope.Signatures[0].KeyId, Signature = Flip(envelope.Signatures[0].Signature) }]),
        };
        var file = dir.WriteFile("e.json", tampered.ToJson());

        var result = CliHarness.Invoke("verify-signature", file, "--key", pub);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL1010: ");
    }

    [TestMethod]
    public void VerifySignature_JsonLinesOneBad_Exit1NamingTheLine()
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var good = TestEvidence.Sign(key).ToJson();
        var bad = TestEvidence.TamperPayload(TestEvidence.Sign(key)).ToJson();
        var file = dir.WriteFile("x.intoto.jsonl", good + "\n" + bad + "\n");

        var result = CliHarness.Invoke("verify-signature", file, "--key", pub);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardOutput, "(1): signature valid");
        StringAssert.Contains(result.StandardError, "(2): no valid signatures");
    }

    [TestMethod]
    public void VerifySignature_ThresholdTwoWithOneKey_Exit1()
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var file = dir.WriteFile("e.json", TestEvidence.Sign(key).ToJson());

        var result = CliHarness.Invoke("verify-signature", file, "--key", pub, "--threshold", "2");

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "threshold is 2");
    }

    [TestMethod]
    [DataRow("missing-key", "CIL1001")]
    [DataRow("private-key", "CIL1007")]
    [DataRow("bad-base64", "CIL1012")]
    [DataRow("bad-json", "CIL1011")]
    [DataRow("directory", "CIL1521")]
    public void VerifySignature_BadInput_Exit2Coded(string kind, string code)
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var file = dir.WriteFile("e.json", TestEvidence.Sign(key).ToJson());
        string[] args = kind switch
        {
            "missing-key" => [file, "--key", dir.Combine("none.pub")],
            "private-key" => [file, "--key", key],
            "bad-base64" => [dir.WriteFile("b.json", """{"payload":"@@@@","payloadType":"t","signatures":[{"keyid":"","sig":"AAAA"}]}"""), "--key", pub],
            "bad-json" => [dir.WriteFile("j.json", "{\"payload\":"), "--key", pub],
            _ => [dir.Path, "--key", pub],
        };

        var result = CliHarness.Invoke(["verify-signature", .. args]);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, $"cilock: error {code}: ");
    }

    [TestMethod]
    public void VerifySignature_UnsignedStatement_Exit1()
    {
        using var dir = new TempDirectory();
        var (_, pub) = CliHarness.NewKey(dir);
        var file = dir.Combine("s.json");
        File.WriteAllBytes(file, TestEvidence.Statement().ToJsonBytes());

        var result = CliHarness.Invoke("verify-signature", file, "--key", pub);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "unsigned");
    }

    private static byte[] Flip(byte[] signature)
    {
        var copy = (byte[])signature.Clone();
        copy[^1] ^= 0x01;
        return copy;
    }
}

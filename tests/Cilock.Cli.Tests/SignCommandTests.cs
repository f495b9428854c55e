using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

/// <summary><c>cilock sign</c>: a DSSE envelope over a file's bytes with a key (verified by verify-signature and the Python DSSE validator) or keylessly.</summary>
[TestClass]
public sealed class SignCommandTests
{
    [TestMethod]
    public void Sign_WithKey_VerifiesWithVerifySignatureAndDsseValidator()
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var input = dir.WriteFile("policy.json", "{\"expires\":\"2030-01-01T00:00:00Z\",\"steps\":{}}");
        var output = dir.Combine("policy.signed.json");

        var result = CliHarness.Invoke("sign", "-f", input, "-k", key, "-o", output);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var envelope = DsseEnvelope.Parse(File.ReadAllText(output));
        Assert.AreEqual("https://witness.testifysec.com/policy/v0.1", envelope.PayloadType, "witness sign's default payload type");
        CollectionAssert.AreEqual(File.ReadAllBytes(input), envelope.Payload);
        var verified = CliHarness.Invoke("verify-signature", output, "--key", pub);
        Assert.AreEqual(0, verified.ExitCode, verified.Output);
        var (code, text) = Validators.Run("verify-dsse.sh", output, pub);
        Assert.AreEqual(0, code, text);
    }

    [TestMethod]
    public void Sign_PayloadTypeGiven_UsedAndTamperedPayloadRefused()
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var input = dir.WriteFile("data.bin", "some bytes");
        var output = dir.Combine("data.dsse.json");

        var result = CliHarness.Invoke("sign", "-f", input, "-t", "application/vnd.example+octet", "-k", key, "-o", output);
        Assert.AreEqual(0, result.ExitCode, result.Output);
        var envelope = DsseEnvelope.Parse(File.ReadAllText(output));
        Assert.AreEqual("application/vnd.example+octet", envelope.PayloadType);

        File.WriteAllText(output, File.ReadAllText(output).Replace(Convert.ToBase64String(Encoding.UTF8.GetBytes("some bytes")), Convert.ToBase64String(Encoding.UTF8.GetBytes("other bytes")), StringComparison.Ordinal));
        Assert.AreEqual(1, CliHarness.Invoke("verify-signature", output, "--key", pub).ExitCode);
        Assert.AreNotEqual(0, Validators.Run("verify-dsse.sh", output, pub).ExitCode);
    }

    [TestMethod]
    [DataRow("--keyless", DisplayName = "key and keyless")]
    [DataRow(null, DisplayName = "--signing key without a key")]
    public void Sign_ContradictoryMode_Cil6123NoOutput(string? keyless)
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var input = dir.WriteFile("a.txt", "x");
        var output = dir.Combine("out.json");
        string[] args = keyless is null ? ["sign", "-f", input, "--signing", "key", "-o", output] : ["sign", "-f", input, "-k", key, keyless, "-o", output];

        var result = CliHarness.Invoke(args);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "CIL6123");
        Assert.IsFalse(File.Exists(output));
    }

    [TestMethod]
    public void Sign_MissingInput_Cil6122NoOutput()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var output = dir.Combine("out.json");

        var result = CliHarness.Invoke("sign", "-f", dir.Combine("missing.txt"), "-k", key, "-o", output);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL6122:");
        Assert.IsFalse(File.Exists(output));
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Sign_KeylessStatementAgainstMock_EnvelopeAndBundleVerifyWithCilockAndSigstoreJs()
    {
        using var mock = SigstoreMock.Start();
        using var dir = new TempDirectory();
        var subject = dir.WriteFile("app.bin", "the artifact");
        var input = dir.WriteFile("statement.json", new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["subject"] = new JsonArray(new JsonObject
            {
                ["name"] = "app.bin",
                ["digest"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(subject))) },
            }),
            ["predicateType"] = "https://example.com/test/v1",
            ["predicate"] = new JsonObject(),
        }.ToJsonString());
        var output = dir.Combine("app.intoto.json");
        var bundle = dir.Combine("app.sigstore.json");
        ProcessResult result;
        for (var attempt = 1; ; attempt++)
        {
            // Re-sign while the mock's genTime is one sigstore-js cannot parse (SigstoreMock.HasShortFractionTime).
            result = CliHarness.Invoke("sign", "-f", input, "-t", DsseEnvelope.InTotoPayloadType, "-o", output, "--keyless", "--fulcio-url", mock.FulcioUrl,
                "--rekor-url", mock.RekorUrl, "--timestamp-url", mock.TsaUrl, "--identity-token-file", mock.Env["OIDC_TOKEN_FILE"]);
            if (attempt == 5 || result.ExitCode != 0 || !SigstoreMock.HasShortFractionTime(DsseEnvelope.Parse(File.ReadAllText(output)).Signatures[0].Timestamps[0]))
            {
                break;
            }
        }

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardOutput, mock.Identity);
        Assert.DoesNotContain(mock.Token.Split('.')[1], result.Output);
        var envelope = DsseEnvelope.Parse(File.ReadAllText(output));
        CollectionAssert.AreEqual(File.ReadAllBytes(input), envelope.Payload);
        Assert.HasCount(1, envelope.Signatures[0].Timestamps);
        var leaf = dir.WriteFile("leaf.pem", envelope.Signatures[0].CertificatePem!);
        var verified = CliHarness.Invoke("verify-signature", output, "--key", leaf);
        Assert.AreEqual(0, verified.ExitCode, verified.Output);
        var ours = CliHarness.Invoke("verify-bundle", "--bundle", bundle, "--certificate-identity", mock.Identity,
            "--certificate-oidc-issuer", mock.Issuer, "--trusted-root", mock.TrustedRoot, subject);
        Assert.AreEqual(0, ours.ExitCode, ours.Output);
        var (code, text) = Validators.Run("verify-sigstore-bundle.sh", "--bundle", bundle, "--artifact", subject, "--trusted-root", mock.TrustedRoot,
            "--certificate-identity", mock.Identity, "--certificate-oidc-issuer", mock.Issuer);
        Assert.AreEqual(0, code, text);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Policy.Evidence;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

/// <summary>
/// End to end through the <c>cilock</c> process: evidence signed by <c>cilock run --keyless</c> against
/// sigstore-mock.sh, then <c>cilock verify</c> with only the Sigstore bundle (the <c>.intoto.json</c> deleted), under a
/// policy whose functionary is the mock's Fulcio root with identity constraints; tampered bundles are denied with the
/// reason.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class BundleEvidenceCliTests
{
    private static SigstoreMock? s_mock;
    private static TempDirectory? s_signed;

    private static SigstoreMock Mock => s_mock!;

    /// <summary>The signed evidence (envelope + bundle) and the product, made once: the mock and the CLI are slow.</summary>
    private static TempDirectory Signed => s_signed!;

    [ClassInitialize]
    public static void Sign(TestContext context)
    {
        _ = context;
        s_mock = SigstoreMock.Start();
        s_signed = new TempDirectory();
        var work = Directory.CreateDirectory(s_signed.Combine("work")).FullName;
        var run = CilockCli.Run(s_signed, "run", "-s", "build", "-o", s_signed.Combine("evidence", "build.json"), "-d", work,
            "--keyless", "--fulcio-url", Mock.FulcioUrl, "--rekor-url", Mock.RekorUrl, "--timestamp-url", Mock.TsaUrl,
            "--identity-token-file", Mock.Env["OIDC_TOKEN_FILE"], "--", "sh", "-c", "echo built > app.bin");
        Assert.AreEqual(0, run.ExitCode, run.Output);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        s_signed?.Dispose();
        s_mock?.Dispose();
    }

    private static string EnvelopeFile => Signed.Combine("evidence", "build.json");

    private static string BundleFile => Directory.EnumerateFiles(Signed.Combine("evidence"), "*.sigstore.json").Single();

    private static string Product => Signed.Combine("work", "app.bin");

    /// <summary>Copies the evidence into <paramref name="dir"/>/evidence: the bundle (optionally changed) and, when asked, the envelope.</summary>
    private static string Evidence(TempDirectory dir, bool withEnvelope, Action<JsonNode>? changeBundle = null)
    {
        var target = Directory.CreateDirectory(dir.Combine("evidence")).FullName;
        var bundle = JsonNode.Parse(File.ReadAllText(BundleFile))!;
        changeBundle?.Invoke(bundle);
        File.WriteAllText(Path.Combine(target, "build.sigstore.json"), bundle.ToJsonString());
        if (withEnvelope)
        {
            File.Copy(EnvelopeFile, Path.Combine(target, "build.intoto.json"));
        }

        return target;
    }

    private static ProcessResult Verify(TempDirectory dir, string evidence, string policy, string policyKey, params string[] extra) =>
        CilockCli.Run(dir, ["verify", "-p", policy, "-k", policyKey, "-f", Product, "-a", evidence, .. extra]);

    private static ProcessResult VerifyWithMockRoot(TempDirectory dir, string evidence, string policy, string policyKey, params string[] extra) =>
        Verify(dir, evidence, policy, policyKey, ["--trusted-root", Mock.TrustedRoot, .. extra]);

    [TestMethod]
    [DataRow(false, DisplayName = "policy without TSA: bundle's Rekor/TSA times")]
    [DataRow(true, DisplayName = "policy with the mock TSA")]
    public void Verify_BundleOnly_PolicyWithMockFulcioRootAndIdentity_Passes(bool policyTsa)
    {
        using var dir = new TempDirectory();
        var evidence = Evidence(dir, withEnvelope: false);
        var (policy, key) = WritePolicy(dir, Mock.Identity, Mock.Issuer, policyTsa);

        var result = VerifyWithMockRoot(dir, evidence, policy, key);

        Assert.AreEqual(0, result.ExitCode, result.Output);
    }

    [TestMethod]
    public void Verify_EnvelopeOnlyPolicyWithoutTsa_FailsWhereTheBundleProvesTheTime()
    {
        using var dir = new TempDirectory();
        var evidence = Directory.CreateDirectory(dir.Combine("evidence")).FullName;
        File.Copy(EnvelopeFile, Path.Combine(evidence, "build.intoto.json"));
        var (policy, key) = WritePolicy(dir, Mock.Identity, Mock.Issuer, withTsa: false);

        var result = VerifyWithMockRoot(dir, evidence, policy, key);

        Assert.AreEqual(1, result.ExitCode, result.Output);
    }

    [TestMethod]
    public void Verify_EnvelopeAndSiblingBundle_PassesAndCountsTheEvidenceOnce()
    {
        using var dir = new TempDirectory();
        var evidence = Evidence(dir, withEnvelope: true);
        var (policy, key) = WritePolicy(dir, Mock.Identity, Mock.Issuer, withTsa: false);
        var vsa = dir.Combine("vsa.json");

        var result = VerifyWithMockRoot(dir, evidence, policy, key, "--vsa-outfile", vsa);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var inputs = JsonNode.Parse(File.ReadAllText(vsa))!["predicate"]!["inputAttestations"]!.AsArray();
        Assert.HasCount(1, inputs, inputs.ToJsonString());
        Assert.EndsWith("build.intoto.json", inputs[0]!["uri"]!.GetValue<string>());
    }

    [TestMethod]
    [DataRow("https://github.com/evil/fork/.github/workflows/ci.yml@refs/heads/main", null, DisplayName = "other identity")]
    [DataRow(null, "https://issuer.evil.example", DisplayName = "other OIDC issuer")]
    public void Verify_BundleOnlyOtherSignerInPolicy_Denied(string? identity, string? issuer)
    {
        using var dir = new TempDirectory();
        var evidence = Evidence(dir, withEnvelope: false);
        var (policy, key) = WritePolicy(dir, identity ?? Mock.Identity, issuer ?? Mock.Issuer, withTsa: false);

        var result = VerifyWithMockRoot(dir, evidence, policy, key);

        Assert.AreEqual(1, result.ExitCode, result.Output);
    }

    [TestMethod]
    [DataRow("payload", "CIL6010", DisplayName = "changed payload")]
    [DataRow("proof", "CIL6032", DisplayName = "tampered inclusion proof")]
    [DataRow("timestamp", "CIL6040", DisplayName = "tampered RFC 3161 timestamp")]
    public void Verify_TamperedBundle_DeniedWithCodedReason(string what, string reason)
    {
        using var dir = new TempDirectory();
        var evidence = Evidence(dir, withEnvelope: false, bundle => Tamper(bundle, what));
        var (policy, key) = WritePolicy(dir, Mock.Identity, Mock.Issuer, withTsa: false);

        var result = VerifyWithMockRoot(dir, evidence, policy, key);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, EvidenceDiagnostics.BundleRejected);
        StringAssert.Contains(result.Output, reason);
        StringAssert.Contains(result.Output, "build.sigstore.json");
        StringAssert.Contains(result.Output, EvidenceDiagnostics.EvidenceSkippedOnDeny);
    }

    [TestMethod]
    public void Verify_EnvelopeWithTamperedSiblingBundle_BothWithdrawnAndDenied()
    {
        using var dir = new TempDirectory();
        var evidence = Evidence(dir, withEnvelope: true, bundle => Tamper(bundle, "proof"));
        // With the TSA in the policy the envelope alone would pass; the bad bundle must not hide behind it.
        var (policy, key) = WritePolicy(dir, Mock.Identity, Mock.Issuer, withTsa: true);

        var result = VerifyWithMockRoot(dir, evidence, policy, key);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, EvidenceDiagnostics.EvidenceWithdrawn);
        StringAssert.Contains(result.Output, "build.intoto.json");
    }

    [TestMethod]
    public void Verify_BundleFromAnotherSigstoreDeployment_Rejected()
    {
        using var dir = new TempDirectory();
        var evidence = Evidence(dir, withEnvelope: false);
        var (policy, key) = WritePolicy(dir, Mock.Identity, Mock.Issuer, withTsa: false);

        // The embedded public-good root knows neither the mock's logs nor its Fulcio CA.
        var result = Verify(dir, evidence, policy, key);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, EvidenceDiagnostics.BundleRejected);
    }

    [TestMethod]
    public void Verify_DamagedFileAndMissingEvidence_DenyNamesTheDamagedFile()
    {
        using var dir = new TempDirectory();
        var evidence = Directory.CreateDirectory(dir.Combine("evidence")).FullName;
        File.WriteAllText(Path.Combine(evidence, "build.intoto.json"), File.ReadAllText(EnvelopeFile)[..200]);
        var (policy, key) = WritePolicy(dir, Mock.Identity, Mock.Issuer, withTsa: true);

        var result = VerifyWithMockRoot(dir, evidence, policy, key);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, EvidenceDiagnostics.EvidenceFileDamaged);
        StringAssert.Contains(result.Output, EvidenceDiagnostics.EvidenceSkippedOnDeny);
        StringAssert.Contains(result.Output, "build.intoto.json");
    }

    [TestMethod]
    public void Verify_UnreadableTrustedRoot_InputErrorExit2()
    {
        using var dir = new TempDirectory();
        var evidence = Evidence(dir, withEnvelope: false);
        var (policy, key) = WritePolicy(dir, Mock.Identity, Mock.Issuer, withTsa: false);
        var root = dir.WriteFile("root.json", "{ not json");

        var result = Verify(dir, evidence, policy, key, "--trusted-root", root);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, EvidenceDiagnostics.BundleTrustedRootInvalid);
    }

    private static void Tamper(JsonNode bundle, string what)
    {
        switch (what)
        {
            case "payload":
                var payload = bundle["dsseEnvelope"]!["payload"]!;
                var statement = Encoding.UTF8.GetString(Convert.FromBase64String(payload.GetValue<string>()));
                bundle["dsseEnvelope"]!["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(statement.Replace("\"build\"", "\"bui1d\"", StringComparison.Ordinal)));
                break;
            case "proof":
                var hashes = bundle["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!["hashes"]!.AsArray();
                hashes.Add(Convert.ToBase64String(new byte[32]));
                break;
            case "timestamp":
                var stamps = bundle["verificationMaterial"]!["timestampVerificationData"]!["rfc3161Timestamps"]!.AsArray();
                var der = Convert.FromBase64String(stamps[0]!["signedTimestamp"]!.GetValue<string>());
                der[^10] ^= 0x01;
                stamps[0]!["signedTimestamp"] = Convert.ToBase64String(der);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(what));
        }
    }

    private static (string Policy, string PolicyKey) WritePolicy(TempDirectory dir, string identity, string issuer, bool withTsa)
    {
        var policy = new JsonObject
        {
            ["expires"] = DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["roots"] = FulcioPolicyParts.Roots(Mock),
            ["steps"] = new JsonObject
            {
                ["build"] = new JsonObject
                {
                    ["name"] = "build",
                    ["functionaries"] = FulcioPolicyParts.Functionaries(identity, issuer),
                    ["attestations"] = new JsonArray(
                        new JsonObject { ["type"] = AttestationTypes.MaterialCilock },
                        new JsonObject { ["type"] = AttestationTypes.CommandRunCilock },
                        new JsonObject { ["type"] = AttestationTypes.ProductCilock }),
                },
            },
        };
        if (withTsa)
        {
            policy["timestampauthorities"] = FulcioPolicyParts.TimestampAuthorities(Mock);
        }

        var key = KeyGenerator.Generate();
        KeyGenerator.Write(key, dir.Combine("policy.key"), dir.Combine("policy.pub"));
        var envelope = DsseSigner.Sign("https://aflock.ai/policy/v0.1", Encoding.UTF8.GetBytes(policy.ToJsonString()), [KeyLoader.LoadSigner(dir.Combine("policy.key"))]);
        var path = dir.Combine("policy.signed.json");
        File.WriteAllText(path, envelope.ToJson());
        return (path, dir.Combine("policy.pub"));
    }
}

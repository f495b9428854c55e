using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

/// <summary>
/// Fresh bundles from sigstore-js signing against the loopback Fulcio/Rekor/TSA of ../shared/validators/sigstore-mock.sh
/// (new keys every run), verified with our verifier and with sigstore-js against the mock's trusted root.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class VerificationMockTests
{
    private static TempDirectory? s_temp;
    private static Dictionary<string, string> s_env = [];

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _ = context;
        s_temp = new TempDirectory();
        var (exit, output) = Validators.Run("sigstore-mock.sh", "start", s_temp.Combine("mock"));
        Assert.AreEqual(0, exit, output);
        s_env = File.ReadAllLines(s_temp.Combine("mock", "env")).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        File.WriteAllText(s_temp.Combine("a.txt"), "cilock sigstore mock artifact\n");
    }

    [ClassCleanup]
    public static void Stop()
    {
        if (s_temp is not null)
        {
            Validators.Run("sigstore-mock.sh", "stop", s_temp.Combine("mock"));
            s_temp.Dispose();
        }
    }

    [TestMethod]
    [DataRow("message", new string[0], true)]
    [DataRow("dsse", new[] { "--dsse" }, true)]
    [DataRow("message-no-tsa", new[] { "--no-tsa" }, true)]
    [DataRow("dsse-no-tsa", new[] { "--dsse", "--no-tsa" }, true)]
    [DataRow("message-no-tlog", new[] { "--no-tlog" }, false)]
    public void Verify_MockSignedBundle_AgreesWithSigstoreJs(string name, string[] signOptions, bool expected)
    {
        var bundlePath = Sign(name, signOptions);
        var ours = VerifyOurs(bundlePath, s_env["OIDC_IDENTITY"], s_env["OIDC_ISSUER"], s_temp!.Combine("a.txt"));
        Assert.AreEqual(expected, ours.IsVerified, ours.Failure?.ToString());
        Assert.AreEqual(expected, SigstoreJs(bundlePath, s_env["OIDC_ISSUER"], s_temp.Combine("a.txt")) == 0);
    }

    [TestMethod]
    public void Verify_MockSignedBundle_OtherIssuerChangedArtifactAndTamperedProofRefusedByBoth()
    {
        var bundlePath = Sign("negative", []);
        Assert.AreEqual(SigstoreDiagnostics.IssuerMismatch, VerifyOurs(bundlePath, s_env["OIDC_IDENTITY"], "https://accounts.google.com", s_temp!.Combine("a.txt")).Failure?.Code);
        Assert.AreNotEqual(0, SigstoreJs(bundlePath, "https://accounts.google.com", s_temp.Combine("a.txt")));

        var other = s_temp.WriteFile("b.txt", "changed\n");
        Assert.IsFalse(VerifyOurs(bundlePath, s_env["OIDC_IDENTITY"], s_env["OIDC_ISSUER"], other).IsVerified);
        Assert.AreNotEqual(0, SigstoreJs(bundlePath, s_env["OIDC_ISSUER"], other));

        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(bundlePath))!;
        var proof = json["verificationMaterial"]!["tlogEntries"]![0]!["inclusionProof"]!;
        // An extra audit-path hash: sigstore-js recomputes the root against the checkpoint and ignores the proof's own
        // rootHash member (which we also check), so the tamper must be one both verifiers see.
        var hashes = proof["hashes"] as System.Text.Json.Nodes.JsonArray ?? [];
        hashes.Add(Convert.ToBase64String(new byte[32]));
        proof["hashes"] = hashes;
        var tampered = s_temp.WriteFile("tampered.sigstore.json", json.ToJsonString());
        Assert.AreEqual(SigstoreDiagnostics.InclusionProofInvalid, VerifyOurs(tampered, s_env["OIDC_IDENTITY"], s_env["OIDC_ISSUER"], s_temp.Combine("a.txt")).Failure?.Code);
        Assert.AreNotEqual(0, SigstoreJs(tampered, s_env["OIDC_ISSUER"], s_temp.Combine("a.txt")));
    }

    private static string Sign(string name, string[] options)
    {
        var output = s_temp!.Combine($"{name}.sigstore.json");
        var (exit, log) = Validators.Run("sigstore-mock.sh", ["sign", s_temp.Combine("mock"), s_temp.Combine("a.txt"), output, .. options]);
        Assert.AreEqual(0, exit, log);
        return output;
    }

    private static SigstoreVerificationResult VerifyOurs(string bundle, string identity, string issuer, string artifact) =>
        new SigstoreBundleVerifier(TrustedRoot.Load(s_env["TRUSTED_ROOT"])).Verify(
            SigstoreBundle.Load(bundle),
            SigstoreArtifact.Parse(artifact),
            new SigstoreVerificationOptions { CertificateIdentity = identity, CertificateOidcIssuer = issuer });

    private static int SigstoreJs(string bundle, string issuer, string artifact) =>
        Validators.Run("verify-sigstore-bundle.sh", "--bundle", bundle, "--artifact", artifact, "--trusted-root", s_env["TRUSTED_ROOT"],
            "--certificate-identity", s_env["OIDC_IDENTITY"], "--certificate-oidc-issuer", issuer).ExitCode;
}

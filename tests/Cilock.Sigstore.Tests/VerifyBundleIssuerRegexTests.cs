using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

/// <summary><c>--certificate-oidc-issuer-regexp</c>: unanchored .NET regular expression over the Fulcio issuer, like cosign.</summary>
[TestClass]
public sealed class VerifyBundleIssuerRegexTests
{
    private static SigstoreVerificationResult Verify(string? issuerRegex, string? issuer = null)
    {
        var folder = ConformanceCases.Folder("happy-path-v0.3");
        var bundle = SigstoreBundle.Load(Path.Combine(folder, "bundle.sigstore.json"));
        var artifact = SigstoreArtifact.Parse(Path.Combine(folder, "..", "a.txt"));
        return new SigstoreBundleVerifier(TrustedRoot.PublicGood()).Verify(bundle, artifact, new SigstoreVerificationOptions
        {
            CertificateIdentity = ConformanceTests.DefaultIdentity,
            CertificateOidcIssuer = issuer,
            CertificateOidcIssuerRegex = issuerRegex,
        });
    }

    [TestMethod]
    [DataRow(@"^https://token\.actions\.githubusercontent\.com$")]
    [DataRow("githubusercontent")]
    [DataRow("^https://(token\\.actions\\.githubusercontent\\.com|gitlab\\.com)$")]
    public void Verify_IssuerMatchesRegex_Verified(string pattern)
    {
        var result = Verify(pattern);

        Assert.IsTrue(result.IsVerified, result.Failure?.ToString());
        Assert.AreEqual(ConformanceTests.DefaultIssuer, result.Issuer);
    }

    [TestMethod]
    [DataRow("^https://gitlab\\.com$")]
    [DataRow("^token\\.actions")]
    [DataRow("githubusercontent\\.com/$")]
    public void Verify_IssuerDoesNotMatchRegex_IssuerMismatch(string pattern)
    {
        var result = Verify(pattern);

        Assert.IsFalse(result.IsVerified);
        Assert.AreEqual(SigstoreDiagnostics.IssuerMismatch, result.Failure!.Code);
        StringAssert.Contains(result.Failure.Message, pattern);
    }

    [TestMethod]
    public void Verify_InvalidIssuerRegex_UsageInvalid()
    {
        var result = Verify("([unclosed");

        Assert.AreEqual(SigstoreDiagnostics.UsageInvalid, result.Failure!.Code);
    }

    [TestMethod]
    [DataRow(new[] { "--certificate-identity", "x", "--certificate-oidc-issuer", "a", "--certificate-oidc-issuer-regexp", "b" }, DisplayName = "exact and regexp issuer")]
    [DataRow(new[] { "--key", "k.pub", "--certificate-oidc-issuer-regexp", "b" }, DisplayName = "key and issuer regexp")]
    public void VerifyBundle_Cli_ContradictoryIssuerOptions_Exit2(string[] options)
    {
        var folder = ConformanceCases.Folder("happy-path-v0.3");
        using var temp = new TempDirectory();

        var result = CilockCli.Run(temp, ["verify-bundle", "--bundle", Path.Combine(folder, "bundle.sigstore.json"), .. options, Path.Combine(folder, "..", "a.txt")]);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, SigstoreDiagnostics.UsageInvalid);
    }

    [TestMethod]
    [DataRow("^https://token\\.actions\\.githubusercontent\\.com$", 0)]
    [DataRow("^https://gitlab\\.com$", 1)]
    public void VerifyBundle_Cli_IdentityWithIssuerRegex_ExitCode(string pattern, int exit)
    {
        var folder = ConformanceCases.Folder("happy-path-v0.3");
        using var temp = new TempDirectory();

        var result = CilockCli.Run(temp, "verify-bundle", "--bundle", Path.Combine(folder, "bundle.sigstore.json"),
            "--certificate-identity", ConformanceTests.DefaultIdentity, "--certificate-oidc-issuer-regexp", pattern, Path.Combine(folder, "..", "a.txt"));

        Assert.AreEqual(exit, result.ExitCode, result.Output);
        if (exit == 1)
        {
            StringAssert.Contains(result.StandardError, SigstoreDiagnostics.IssuerMismatch);
        }
    }
}

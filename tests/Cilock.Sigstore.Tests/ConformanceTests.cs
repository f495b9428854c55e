using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tests;

/// <summary>Every case of ../shared/conformance/sigstore/bundle-verify through the real verifier.</summary>
[TestClass]
public sealed class ConformanceTests
{
    internal const string DefaultIdentity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    internal const string DefaultIssuer = "https://token.actions.githubusercontent.com";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DynamicData(nameof(ConformanceCases.Names), typeof(ConformanceCases))]
    public void Verify_ConformanceCase_VerdictMatchesFolderName(string name)
    {
        var folder = ConformanceCases.Folder(name);
        var expected = !name.EndsWith("_fail", StringComparison.Ordinal);
        var (verified, reason) = Run(folder);
        TestContext.WriteLine($"{name}: {(verified ? "verified" : "refused")} {reason}");
        Assert.AreEqual(expected, verified, $"{name}: {reason}");
    }

    [TestMethod]
    public void Verify_AllConformanceCases_AgreeOnEveryOne()
    {
        var names = ConformanceCases.Names().Select(r => (string)r[0]).ToList();
        if (names is ["(absent)"])
        {
            Assert.Inconclusive("../shared conformance cases are absent");
        }

        var disagreements = new List<string>();
        foreach (var name in names)
        {
            var (verified, reason) = Run(ConformanceCases.Folder(name));
            var expected = !name.EndsWith("_fail", StringComparison.Ordinal);
            TestContext.WriteLine($"{(verified == expected ? "agree   " : "DISAGREE")} {name}: {(verified ? "verified" : reason)}");
            if (verified != expected)
            {
                disagreements.Add(name);
            }
        }

        TestContext.WriteLine($"{names.Count - disagreements.Count} agree, {disagreements.Count} disagree (of {names.Count})");
        Assert.IsEmpty(disagreements, string.Join(", ", disagreements));
        Assert.IsGreaterThanOrEqualTo(35, names.Count);
    }

    /// <summary>Runs one case the way the conformance suite would; returns the verdict and the reason for a refusal.</summary>
    internal static (bool Verified, string Reason) Run(string folder)
    {
        try
        {
            var bundle = SigstoreBundle.Load(Path.Combine(folder, "bundle.sigstore.json"));
            var root = File.Exists(Path.Combine(folder, "trusted_root.json")) ? TrustedRoot.Load(Path.Combine(folder, "trusted_root.json")) : TrustedRoot.PublicGood();
            var artifactPath = File.Exists(Path.Combine(folder, "artifact")) ? Path.Combine(folder, "artifact") : Path.Combine(folder, "..", "a.txt");
            var options = File.Exists(Path.Combine(folder, "key.pub"))
                ? new SigstoreVerificationOptions { PublicKey = PublicKeyDer(File.ReadAllText(Path.Combine(folder, "key.pub"))) }
                : new SigstoreVerificationOptions
                {
                    CertificateIdentity = ReadOr(folder, "identity", DefaultIdentity),
                    CertificateOidcIssuer = ReadOr(folder, "issuer", DefaultIssuer),
                };
            var result = new SigstoreBundleVerifier(root).Verify(bundle, SigstoreArtifact.Parse(artifactPath), options);
            return (result.IsVerified, result.Failure is { } f ? $"{f.Code}: {f.Message}" : "");
        }
        catch (CilockException e)
        {
            return (false, $"{e.Code}: {e.Message}");
        }
    }

    private static byte[] PublicKeyDer(string pem)
    {
        var fields = System.Security.Cryptography.PemEncoding.Find(pem);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }

    internal static string ReadOr(string folder, string file, string fallback)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : fallback;
    }
}

using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tests;

/// <summary>Random damage to real bundles: parsing and verification answer with a code, never with another exception.</summary>
[TestClass]
public sealed class BundleMutationTests
{
    [TestMethod]
    [DataRow("happy-path-v0.1")]
    [DataRow("happy-path-v0.3")]
    [DataRow("intoto-with-custom-trust-root")]
    [DataRow("rekor2-timestamp-with-expired-cert-chain")]
    public void ParseAndVerify_RandomByteDamage_OnlyCodedOutcomes(string caseName)
    {
        var folder = ConformanceCases.Folder(caseName);
        var original = File.ReadAllBytes(Path.Combine(folder, "bundle.sigstore.json"));
        var root = File.Exists(Path.Combine(folder, "trusted_root.json")) ? TrustedRoot.Load(Path.Combine(folder, "trusted_root.json")) : TrustedRoot.PublicGood();
        var artifact = SigstoreArtifact.Parse(File.Exists(Path.Combine(folder, "artifact")) ? Path.Combine(folder, "artifact") : Path.Combine(folder, "..", "a.txt"));
        var verifier = new SigstoreBundleVerifier(root);
        var options = new SigstoreVerificationOptions { CertificateIdentity = ConformanceTests.DefaultIdentity, CertificateOidcIssuer = ConformanceTests.DefaultIssuer };
        var random = new Random(20261202);
        var refused = 0;
        for (var i = 0; i < 250; i++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            try
            {
                var result = verifier.Verify(SigstoreBundle.Parse(damaged), artifact, options);
                if (!result.IsVerified)
                {
                    StringAssert.StartsWith(result.Failure!.Code, "CIL");
                    refused++;
                }
            }
            catch (CilockException e)
            {
                StringAssert.StartsWith(e.Code, "CIL600");
                refused++;
            }
        }

        // Flips in base64 padding bits or ignored members may leave the signed content intact; almost all must fail.
        Assert.IsGreaterThan(200, refused);
    }

    [TestMethod]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}""", true)]
    [DataRow("""{"verificationMaterial":{"x":[1,{"y":2}]},"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.1"}""", true)]
    [DataRow("""{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]}""", false)]
    [DataRow("""{"mediaType":"application/json"}""", false)]
    [DataRow("""[1,2]""", false)]
    [DataRow("""{"mediaType":""", false)]
    public void IsBundle_TellsBundlesFromEnvelopes(string json, bool expected) =>
        Assert.AreEqual(expected, SigstoreBundle.IsBundle(Encoding.UTF8.GetBytes(json)));
}

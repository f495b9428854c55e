using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Cilock.Sigstore.Certificates;
using Cilock.Sigstore.TrustedRoots;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class SctTests
{
    [TestMethod]
    public void CountVerified_PublicGoodLeaf_OneSctFromTheCtLog()
    {
        var (leaf, issuer) = LeafAndIssuer();
        Assert.AreEqual(1, SctVerifier.CountVerified(leaf, issuer, TrustedRoot.PublicGood(), out var error), error);
    }

    [TestMethod]
    public void CountVerified_WrongIssuerKey_Refused()
    {
        var (leaf, _) = LeafAndIssuer();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var fakeIssuer = new CertificateRequest("CN=sigstore-intermediate", other, HashAlgorithmName.SHA384).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.AreEqual(0, SctVerifier.CountVerified(leaf, fakeIssuer, TrustedRoot.PublicGood(), out var error));
        StringAssert.Contains(error, "does not verify");
    }

    [TestMethod]
    public void CountVerified_CtLogKeyReplaced_Refused()
    {
        var (leaf, issuer) = LeafAndIssuer();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var root = JsonNode.Parse(TrustedRoot.PublicGood().ToJsonBytes())!;
        foreach (var log in root["ctlogs"]!.AsArray())
        {
            log!["publicKey"]!["rawBytes"] = Convert.ToBase64String(other.ExportSubjectPublicKeyInfo());
        }

        Assert.AreEqual(0, SctVerifier.CountVerified(leaf, issuer, TrustedRoot.Parse(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString())), out _));
    }

    [TestMethod]
    public void CountVerified_NoSctExtension_Refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.AreEqual(0, SctVerifier.CountVerified(cert, cert, TrustedRoot.PublicGood(), out var error));
        StringAssert.Contains(error, "no embedded signed certificate timestamps");
    }

    private static (X509Certificate2 Leaf, X509Certificate2 Issuer) LeafAndIssuer()
    {
        var bundle = VerificationTests.Load("happy-path-v0.3", _ => { });
        var leaf = X509CertificateLoader.LoadCertificate(bundle.VerificationMaterial.Certificate!.RawBytes);
        var root = TrustedRoot.PublicGood();
        var issuer = root.CertificateAuthorities.SelectMany(a => a.CertChain.Certificates)
            .Select(c => X509CertificateLoader.LoadCertificate(c.RawBytes))
            .First(c => c.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData));
        return (leaf, issuer);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;

namespace Cilock.Attestation.Tests.Crypto;

[TestClass]
public sealed class CertificateChainVerifierTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [TestMethod]
    public void Verify_RootAnchor_PathLeafToRoot()
    {
        using var root = TestPki.CreateRoot();
        using var intermediate = TestPki.CreateIntermediate(root);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(intermediate, key, Now.AddMinutes(-1), TimeSpan.FromMinutes(10));

        var result = CertificateChainVerifier.Verify(leaf, [intermediate], [root], Now, Oids.CodeSigning);

        Assert.IsTrue(result.IsValid, result.Error);
        CollectionAssert.AreEqual(new[] { leaf.Thumbprint, intermediate.Thumbprint, root.Thumbprint }, result.Chain.Select(c => c.Thumbprint).ToArray());
    }

    [TestMethod]
    public void Verify_NonSelfSignedAnchorWithoutItsIssuer_Valid()
    {
        using var root = TestPki.CreateRoot();
        using var intermediate = TestPki.CreateIntermediate(root);
        using var anchor = X509CertificateLoader.LoadCertificate(intermediate.RawData);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(intermediate, key, Now.AddMinutes(-1), TimeSpan.FromMinutes(10));

        var result = CertificateChainVerifier.Verify(leaf, [], [anchor], Now, Oids.CodeSigning);

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.HasCount(2, result.Chain);
    }

    [TestMethod]
    public void Verify_MissingIntermediate_Invalid()
    {
        using var root = TestPki.CreateRoot();
        using var intermediate = TestPki.CreateIntermediate(root);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(intermediate, key, Now.AddMinutes(-1), TimeSpan.FromMinutes(10));

        Assert.IsFalse(CertificateChainVerifier.Verify(leaf, [], [root], Now, null).IsValid);
    }

    [TestMethod]
    public void Verify_NoRoots_Invalid()
    {
        using var root = TestPki.CreateRoot();

        Assert.IsFalse(CertificateChainVerifier.Verify(root, [], [], Now, null).IsValid);
    }

    [TestMethod]
    [DataRow(-5, false, DisplayName = "before notBefore")]
    [DataRow(5, true, DisplayName = "inside")]
    [DataRow(11, false, DisplayName = "after notAfter")]
    public void Verify_TrustedTime_LeafValidityWindowApplies(int minutes, bool expected)
    {
        var start = Now.AddDays(-2);
        using var root = TestPki.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(root, key, start, TimeSpan.FromMinutes(10));

        Assert.AreEqual(expected, CertificateChainVerifier.Verify(leaf, [], [root], start.AddMinutes(minutes), null).IsValid);
    }

    [TestMethod]
    [DataRow(new[] { "1.3.6.1.5.5.7.3.3" }, true, DisplayName = "code signing")]
    [DataRow(new[] { "2.5.29.37.0" }, true, DisplayName = "anyExtendedKeyUsage")]
    [DataRow(new[] { "1.3.6.1.5.5.7.3.1" }, false, DisplayName = "server auth only")]
    public void Verify_IntermediateEku_MustPermitCodeSigning(string[] ekus, bool expected)
    {
        using var root = TestPki.CreateRoot();
        using var intermediate = TestPki.CreateIntermediate(root, "I", ekus);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(intermediate, key, Now.AddMinutes(-1), TimeSpan.FromMinutes(10));

        Assert.AreEqual(expected, CertificateChainVerifier.Verify(leaf, [intermediate], [root], Now, Oids.CodeSigning).IsValid);
        Assert.IsTrue(CertificateChainVerifier.Verify(leaf, [intermediate], [root], Now, null).IsValid, "no EKU requirement");
    }

    [TestMethod]
    public void Verify_LeafWithoutEkuExtension_PermitsCodeSigning()
    {
        using var root = TestPki.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(root, key, Now.AddMinutes(-1), TimeSpan.FromMinutes(10), ekus: []);

        Assert.IsTrue(CertificateChainVerifier.Verify(leaf, [], [root], Now, Oids.CodeSigning).IsValid);
    }
}

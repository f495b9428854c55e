using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Tests.Crypto;

[TestClass]
public sealed class FulcioExtensionsTests
{
    private static X509Certificate2 SelfSigned(params X509Extension[] extensions)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256);
        foreach (var e in extensions)
        {
            request.CertificateExtensions.Add(e);
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [TestMethod]
    public void Read_FulcioLikeLeaf_RawAndDerValuesDecoded()
    {
        using var root = TestPki.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(root, key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));

        var ext = FulcioExtensions.Read(leaf);

        Assert.AreEqual("https://accounts.example.com", ext["Issuer"]);
        Assert.AreEqual("https://github.com/example/repo", ext["sourceRepositoryURI"], "names bind case-insensitively");
        Assert.HasCount(2, ext);
    }

    [TestMethod]
    public void Read_RawIssuerOnly_UsedAsIs()
    {
        using var cert = SelfSigned(new X509Extension("1.3.6.1.4.1.57264.1.1", "https://token.actions.githubusercontent.com"u8.ToArray(), false));

        Assert.AreEqual("https://token.actions.githubusercontent.com", FulcioExtensions.Read(cert)["Issuer"]);
    }

    [TestMethod]
    public void Read_DerIssuerAndDifferentRawIssuer_DerPreferredWhateverTheOrder()
    {
        byte[] der = [0x0C, 0x03, (byte)'d', (byte)'e', (byte)'r'];
        using var cert = SelfSigned(
            new X509Extension("1.3.6.1.4.1.57264.1.8", der, false),
            new X509Extension("1.3.6.1.4.1.57264.1.1", "raw"u8.ToArray(), false));

        Assert.AreEqual("der", FulcioExtensions.Read(cert)["Issuer"]);
    }

    [TestMethod]
    public void Read_RawBytesInDerArc_Cil1016()
    {
        using var cert = SelfSigned(new X509Extension("1.3.6.1.4.1.57264.1.12", "https://github.com/x"u8.ToArray(), false));

        Assert.AreEqual("CIL1016", Assert.ThrowsExactly<CilockException>(() => FulcioExtensions.Read(cert)).Code);
    }

    [TestMethod]
    public void KnownNames_ContainsPolicyKeys()
    {
        CollectionAssert.IsSubsetOf(new[] { "Issuer", "SourceRepositoryURI", "BuildConfigURI", "RunnerEnvironment", "GithubWorkflowRef" }, FulcioExtensions.KnownNames.ToArray());
        Assert.HasCount(FulcioExtensions.KnownNames.Count, FulcioExtensions.KnownNames.Distinct());
    }
}

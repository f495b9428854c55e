using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cilock.Attestation.Signing;
using Cilock.Attestation.Tests.Crypto;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Signing;

[TestClass]
public sealed class KeyIdTests
{
    [TestMethod]
    [DataRow("witness-testpub.pem", "ae2dcc989ea9c109a36e8eba5c4bc16d8fafcfe8e1a614164670d50aedacd647", DisplayName = "Witness Ed25519")]
    [DataRow("witness-testpub2.pem", "5e8c57df8ae58fe9a29b29f9993e2fc3b25bd75eb2754f353880bad4b9ebfdb3", DisplayName = "Witness RSA-4096")]
    [DataRow("cilock-trivy-policy-pub.pem", "9346a11462ca30057d06b0f89b7a19e61c630662c8d6a1e5b5d58568b837dae2", DisplayName = "cilock-trivy P-256")]
    public void LoadVerifier_CheckedVectorLf_KeyIdMatchesSpec(string file, string keyId)
    {
        var verifier = KeyLoader.LoadVerifier(TestKeyFiles.Path(file));

        Assert.AreEqual(keyId, verifier.KeyId);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestKeyFiles.Path(file)))), keyId, "keyid = sha256sum of an OpenSSL-written file");
    }

    [TestMethod]
    [DataRow("witness-testpub.pem", "ae2dcc989ea9c109a36e8eba5c4bc16d8fafcfe8e1a614164670d50aedacd647")]
    [DataRow("witness-testpub2.pem", "5e8c57df8ae58fe9a29b29f9993e2fc3b25bd75eb2754f353880bad4b9ebfdb3")]
    [DataRow("cilock-trivy-policy-pub.pem", "9346a11462ca30057d06b0f89b7a19e61c630662c8d6a1e5b5d58568b837dae2")]
    public void LoadVerifierFromPem_CrLfFile_SameKeyIdAsCanonical(string file, string keyId)
    {
        var crlf = TestKeyFiles.Read(file).Replace("\n", "\r\n");

        Assert.AreEqual(keyId, KeyLoader.LoadVerifierFromPem(crlf).KeyId);
    }

    [TestMethod]
    public void LoadVerifierFromPem_Pkcs1RsaPublicKey_KeyIdOfCanonicalSpki()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeyFiles.Read("witness-testpub2.pem"));
        var pkcs1 = rsa.ExportRSAPublicKeyPem();
        StringAssert.StartsWith(pkcs1, "-----BEGIN RSA PUBLIC KEY-----");

        Assert.AreEqual("5e8c57df8ae58fe9a29b29f9993e2fc3b25bd75eb2754f353880bad4b9ebfdb3", KeyLoader.LoadVerifierFromPem(pkcs1).KeyId);
    }

    [TestMethod]
    public void LoadVerifierFromPem_Certificate_KeyIdOfLeafPublicKey()
    {
        using var root = TestPki.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(root, key, DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromMinutes(10));

        var verifier = KeyLoader.LoadVerifierFromPem(TestPki.Pem(leaf));

        Assert.AreEqual(KeyId.Compute(key.ExportSubjectPublicKeyInfo()), verifier.KeyId);
    }

    [TestMethod]
    [DataRow("witness-testpub.pem")]
    [DataRow("witness-testpub2.pem")]
    [DataRow("cilock-trivy-policy-pub.pem")]
    public void ToCanonicalPem_CheckedFiles_ByteEqualWithTrailingLf(string file)
    {
        var text = TestKeyFiles.Read(file);
        var spki = Convert.FromBase64String(string.Concat(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));

        var pem = KeyId.ToCanonicalPem(spki);

        Assert.AreEqual(text, pem);
        Assert.EndsWith("-----END PUBLIC KEY-----\n", pem);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text))), KeyId.Compute(spki));
    }

    [TestMethod]
    public void Compute_Ed25519Spki_Is44BytesWithFixedPrefix()
    {
        var text = TestKeyFiles.Read("witness-testpub.pem");
        var spki = Convert.FromBase64String(text.Split('\n')[1]);

        Assert.HasCount(44, spki);
        Assert.AreEqual("302a300506032b6570032100", Convert.ToHexStringLower(spki[..12]));
        Assert.AreEqual("ae2dcc989ea9c109a36e8eba5c4bc16d8fafcfe8e1a614164670d50aedacd647", new Ed25519Verifier(spki[12..]).KeyId);
    }
}

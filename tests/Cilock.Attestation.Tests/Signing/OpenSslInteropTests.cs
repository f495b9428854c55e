using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Attestation.Tests.Crypto;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Signing;

/// <summary>Signatures produced by OpenSSL the way Go produces them must verify with our verifiers (fixtures.md §4.2).</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class OpenSslInteropTests
{
    private static readonly byte[] Pae = Cilock.Attestation.Dsse.Pae.Encode(DsseEnvelope.InTotoPayloadType, Encoding.UTF8.GetBytes("{\"x\":1}"));

    private static byte[] OpenSslSign(TempDirectory dir, string privatePem, params string[] args)
    {
        var key = dir.WriteFile("key.pem", privatePem);
        var data = Path.Combine(dir.Path, "pae.bin");
        File.WriteAllBytes(data, Pae);
        var sig = Path.Combine(dir.Path, "sig.bin");
        ProcessResult result;
        try
        {
            result = ProcessRunner.Run("openssl", [.. args.Select(a => a.Replace("{key}", key).Replace("{in}", data).Replace("{out}", sig))]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new AssertInconclusiveException("openssl is not installed");
        }

        Assert.AreEqual(0, result.ExitCode, result.Output);
        return File.ReadAllBytes(sig);
    }

    [TestMethod]
    [DataRow(KeyAlgorithm.EcdsaP256)]
    [DataRow(KeyAlgorithm.EcdsaP384)]
    [DataRow(KeyAlgorithm.EcdsaP521)]
    public void Verify_OpenSslEcdsaSha256Der_Accepted(KeyAlgorithm algorithm)
    {
        using var dir = new TempDirectory();
        var key = KeyGenerator.Generate(algorithm);

        var sig = OpenSslSign(dir, key.PrivateKeyPem, "dgst", "-sha256", "-sign", "{key}", "-out", "{out}", "{in}");

        Assert.IsTrue(KeyLoader.LoadVerifierFromPem(key.PublicKeyPem).Verify(Pae, sig));
    }

    [TestMethod]
    public void Verify_OpenSslPureEd25519_Accepted()
    {
        using var dir = new TempDirectory();
        var key = KeyGenerator.Generate(KeyAlgorithm.Ed25519);

        var sig = OpenSslSign(dir, key.PrivateKeyPem, "pkeyutl", "-sign", "-inkey", "{key}", "-rawin", "-in", "{in}", "-out", "{out}");

        Assert.IsTrue(KeyLoader.LoadVerifierFromPem(key.PublicKeyPem).Verify(Pae, sig));
    }

    [TestMethod]
    public void Verify_OpenSslRsaPkcs1v15_AcceptedByDefault()
    {
        using var dir = new TempDirectory();
        using var rsa = RSA.Create(2048);

        var sig = OpenSslSign(dir, rsa.ExportPkcs8PrivateKeyPem(), "dgst", "-sha256", "-sign", "{key}", "-out", "{out}", "{in}");

        Assert.IsTrue(KeyLoader.LoadVerifierFromPem(rsa.ExportSubjectPublicKeyInfoPem()).Verify(Pae, sig));
        Assert.IsFalse(KeyLoader.LoadVerifierFromPem(rsa.ExportSubjectPublicKeyInfoPem(), acceptRsaPkcs1v15: false).Verify(Pae, sig));
    }

    [TestMethod]
    public void Sign_CertificateSignerEnvelope_ValidatorAcceptsLeafCertificateAsKey()
    {
        using var dir = new TempDirectory();
        using var root = TestPki.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(root, key, DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromMinutes(10));
        var signer = new X509CertificateSigner(new EcdsaSigner(ECDsa.Create(key.ExportParameters(true))), TestPki.Pem(leaf));
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Encoding.UTF8.GetBytes("{\"x\":1}"), [signer]);

        var (exit, output) = Validators.Run("verify-dsse.sh", dir.WriteFile("env.json", envelope.ToJson()), dir.WriteFile("leaf.pem", TestPki.Pem(leaf)));

        Assert.AreEqual(0, exit, output);
    }
}

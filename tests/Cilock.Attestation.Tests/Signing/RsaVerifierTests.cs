using System.Security.Cryptography;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Cilock.Attestation.Tests.Signing;

[TestClass]
public sealed class RsaVerifierTests
{
    private static readonly byte[] Data = "DSSEv1 1 t 2 {}"u8.ToArray();
    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));

    private static RsaVerifier Verifier(bool acceptPkcs1v15 = true) =>
        RsaVerifier.FromSubjectPublicKeyInfo(Key.Value.ExportSubjectPublicKeyInfo(), acceptPkcs1v15);

    // Go's signer uses the maximum salt (k - 32 - 2); .NET's PSS verify cannot check it, ours must.
    [TestMethod]
    [DataRow(-1, DisplayName = "max salt (Go)")]
    [DataRow(32, DisplayName = "salt = hash length (.NET)")]
    [DataRow(0, DisplayName = "empty salt")]
    [DataRow(20, DisplayName = "odd salt")]
    public void Verify_PssAnySaltLength_Accepted(int saltLength)
    {
        var salt = saltLength < 0 ? Key.Value.KeySize / 8 - 32 - 2 : saltLength;
        var signer = new PssSigner(new RsaBlindedEngine(), new Sha256Digest(), salt);
        signer.Init(true, DotNetUtilities.GetRsaKeyPair(Key.Value).Private);
        signer.BlockUpdate(Data, 0, Data.Length);
        var sig = signer.GenerateSignature();

        Assert.IsTrue(Verifier().Verify(Data, sig));
        Assert.IsFalse(Verifier().Verify([.. Data, 0], sig));
        Assert.IsFalse(Key.Value.VerifyData(Data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pss) && saltLength != 32, "the BCL alone cannot verify non-32 salts");
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Verify_OpenSslMaxSaltSignature_Accepted()
    {
        using var dir = new TempDirectory();
        var keyPath = dir.WriteFile("key.pem", Key.Value.ExportPkcs8PrivateKeyPem());
        var dataPath = Path.Combine(dir.Path, "pae.bin");
        File.WriteAllBytes(dataPath, Data);
        var sigPath = Path.Combine(dir.Path, "sig.bin");

        ProcessResult result;
        try
        {
            result = ProcessRunner.Run("openssl", ["dgst", "-sha256", "-sign", keyPath, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:max", "-sigopt", "rsa_mgf1_md:sha256", "-out", sigPath, dataPath]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Inconclusive("openssl is not installed");
            return;
        }

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var sig = File.ReadAllBytes(sigPath);
        Assert.IsTrue(Verifier().Verify(Data, sig));
        Assert.IsFalse(Key.Value.VerifyData(Data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pss), "max salt is not what .NET checks");
    }

    // A modulus of 8n+1 bits makes the encoded message one byte shorter than the modulus (emLen = k - 1, §5.1).
    [TestMethod]
    [DataRow(1537)]
    [DataRow(1544)]
    public void Verify_OddModulusSizeMaxSalt_Accepted(int bits)
    {
        var generator = new Org.BouncyCastle.Crypto.Generators.RsaKeyPairGenerator();
        generator.Init(new Org.BouncyCastle.Crypto.Parameters.RsaKeyGenerationParameters(Org.BouncyCastle.Math.BigInteger.ValueOf(65537), new SecureRandom(), bits, 80));
        var pair = generator.GenerateKeyPair();
        var publicKey = (Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters)pair.Public;
        Assert.AreEqual(bits, publicKey.Modulus.BitLength);
        var emLen = (bits - 1 + 7) / 8;
        var signer = new PssSigner(new RsaBlindedEngine(), new Sha256Digest(), emLen - 32 - 2);
        signer.Init(true, pair.Private);
        signer.BlockUpdate(Data, 0, Data.Length);
        var sig = signer.GenerateSignature();
        var spki = Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded();

        var verifier = RsaVerifier.FromSubjectPublicKeyInfo(spki);

        Assert.IsTrue(verifier.Verify(Data, sig));
        Assert.IsFalse(verifier.Verify([.. Data, 1], sig));
    }

    [TestMethod]
    public void Verify_Pkcs1v15_AcceptedByDefaultRejectedWhenStrict()
    {
        var sig = Key.Value.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.IsTrue(Verifier().Verify(Data, sig));
        Assert.IsFalse(Verifier(acceptPkcs1v15: false).Verify(Data, sig));
    }

    [TestMethod]
    public void Verify_CorruptedOrWrongLengthSignature_Rejected()
    {
        var sig = Key.Value.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        var flipped = (byte[])sig.Clone();
        flipped[^1] ^= 0x01;

        Assert.IsTrue(Verifier().Verify(Data, sig));
        Assert.IsFalse(Verifier().Verify(Data, flipped));
        Assert.IsFalse(Verifier().Verify(Data, sig[1..]));
        Assert.IsFalse(Verifier().Verify(Data, [.. sig, 0]));
        Assert.IsFalse(Verifier().Verify(Data, Enumerable.Repeat((byte)0xFF, sig.Length).ToArray()), "signature >= modulus");
        Assert.IsFalse(Verifier().Verify(Data, []));
    }

    [TestMethod]
    public void Verify_SignatureFromAnotherKey_Rejected()
    {
        using var other = RSA.Create(2048);

        Assert.IsFalse(Verifier().Verify(Data, other.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)));
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace Cilock.Attestation.Tests.Signing;

[TestClass]
public sealed class KeyLoaderTests
{
    private const string Password = "correct horse battery staple";
    private static readonly byte[] Data = "DSSEv1 1 t 0 "u8.ToArray();
    private static readonly PbeParameters Pbe = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000);

    private static void AssertSignsFor(ISigner signer, string publicPem)
    {
        var verifier = KeyLoader.LoadVerifierFromPem(publicPem);
        Assert.AreEqual(verifier.KeyId, signer.KeyId);
        Assert.IsTrue(verifier.Verify(Data, signer.Sign(Data)));
    }

    [TestMethod]
    public void LoadSignerFromPem_Pkcs1RsaPrivateKey_Loads()
    {
        using var rsa = RSA.Create(2048);

        AssertSignsFor(KeyLoader.LoadSignerFromPem(rsa.ExportRSAPrivateKeyPem(), []), rsa.ExportSubjectPublicKeyInfoPem());
    }

    [TestMethod]
    public void LoadSignerFromPem_Sec1AfterEcParametersBlock_Loads()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + ec.ExportECPrivateKeyPem();

        AssertSignsFor(KeyLoader.LoadSignerFromPem(pem, []), ec.ExportSubjectPublicKeyInfoPem());
    }

    [TestMethod]
    public void LoadSignerFromPem_CrLfPkcs8_Loads()
    {
        var key = KeyGenerator.Generate(KeyAlgorithm.Ed25519);

        AssertSignsFor(KeyLoader.LoadSignerFromPem(key.PrivateKeyPem.Replace("\n", "\r\n"), []), key.PublicKeyPem);
    }

    [TestMethod]
    [DataRow(KeyAlgorithm.EcdsaP256)]
    [DataRow(KeyAlgorithm.Rsa3072)]
    [DataRow(KeyAlgorithm.Ed25519)]
    public void LoadSigner_EncryptedPkcs8WithPasswordEnv_Loads(KeyAlgorithm algorithm)
    {
        var key = KeyGenerator.Generate(algorithm);
        var plain = KeyLoader.LoadSignerFromPem(key.PrivateKeyPem, []);
        var pkcs8 = Convert.FromBase64String(string.Concat(key.PrivateKeyPem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))));
        var encrypted = PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", Pkcs8PrivateKeyInfo.Decode(pkcs8, out _).Encrypt(Password, Pbe));
        using var dir = new TempDirectory();
        var path = dir.WriteFile("key.pem", encrypted);
        var env = "CILOCK_TEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(env, Password);
        try
        {
            AssertSignsFor(KeyLoader.LoadSigner(path, env), key.PublicKeyPem);
            Assert.AreEqual(plain.KeyId, KeyLoader.LoadSigner(path, env).KeyId);
        }
        finally
        {
            Environment.SetEnvironmentVariable(env, null);
        }
    }

    [TestMethod]
    public void LoadSigner_EncryptedPkcs8WrongPassword_Cil1006WithoutPassword()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var dir = new TempDirectory();
        var path = dir.WriteFile("key.pem", ec.ExportEncryptedPkcs8PrivateKeyPem(Password, Pbe));
        var env = "CILOCK_TEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(env, "wrong-password-value");
        try
        {
            var e = Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSigner(path, env));

            Assert.AreEqual("CIL1006", e.Code);
            Assert.DoesNotContain("wrong-password-value", e.Message);
            Assert.DoesNotContain(Password, e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(env, null);
        }
    }

    [TestMethod]
    public void LoadSigner_EncryptedWithoutEnvVar_Cil1005()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var dir = new TempDirectory();
        var path = dir.WriteFile("key.pem", ec.ExportEncryptedPkcs8PrivateKeyPem(Password, Pbe));
        var unset = "CILOCK_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var noName = Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSigner(path));
        var notSet = Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSigner(path, unset));

        Assert.AreEqual("CIL1005", noName.Code);
        Assert.AreEqual("CIL1005", notSet.Code);
        StringAssert.Contains(notSet.Message, unset);
    }

    [TestMethod]
    [DataRow("AES-256-CBC")]
    [DataRow("DES-EDE3-CBC")]
    public void LoadSignerFromPem_LegacyDekInfoEncrypted_LoadsWithPasswordOnly(string cipher)
    {
        using var rsa = RSA.Create(2048);
        using var writer = new StringWriter();
        var pemWriter = new PemWriter(writer);
        pemWriter.WriteObject(new MiscPemGenerator(DotNetUtilities.GetRsaKeyPair(rsa).Private, cipher, Password.ToCharArray(), new SecureRandom()));
        pemWriter.Writer.Flush();
        var pem = writer.ToString();
        StringAssert.Contains(pem, "DEK-Info: " + cipher);

        AssertSignsFor(KeyLoader.LoadSignerFromPem(pem, Password), rsa.ExportSubjectPublicKeyInfoPem());
        Assert.AreEqual("CIL1005", Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSignerFromPem(pem, [])).Code);
        var wrong = Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSignerFromPem(pem, "nope-nope"));
        Assert.AreEqual("CIL1006", wrong.Code);
        Assert.DoesNotContain("nope-nope", wrong.Message);
    }

    [TestMethod]
    public void LoadSignerFromPem_LegacyDekInfoEncryptedEcKey_Loads()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var parsed = (Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair)new PemReader(new StringReader(ec.ExportECPrivateKeyPem())).ReadObject();
        using var writer = new StringWriter();
        var pemWriter = new PemWriter(writer);
        pemWriter.WriteObject(new MiscPemGenerator(parsed.Private, "AES-128-CBC", Password.ToCharArray(), new SecureRandom()));
        pemWriter.Writer.Flush();
        StringAssert.Contains(writer.ToString(), "BEGIN EC PRIVATE KEY");

        AssertSignsFor(KeyLoader.LoadSignerFromPem(writer.ToString(), Password), ec.ExportSubjectPublicKeyInfoPem());
    }

    [TestMethod]
    public void LoadSigner_MissingFile_Cil1001()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSigner(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "key.pem")));

        Assert.AreEqual("CIL1001", e.Code);
    }

    [TestMethod]
    public void LoadSignerAndVerifier_Directory_Cil1003()
    {
        using var dir = new TempDirectory();

        Assert.AreEqual("CIL1003", Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSigner(dir.Path)).Code);
        Assert.AreEqual("CIL1003", Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadVerifier(dir.Path)).Code);
    }

    [TestMethod]
    [DataRow("garbage", "CIL1004", DisplayName = "not PEM")]
    [DataRow("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "CIL1004", DisplayName = "bad PKCS#8 body")]
    [DataRow("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n", "CIL1004", DisplayName = "bad base64")]
    [DataRow("-----BEGIN PRIVATE KEY-----\nAAAA\n", "CIL1004", DisplayName = "no END line")]
    [DataRow("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n", "CIL1007", DisplayName = "OpenSSH")]
    public void LoadSignerFromPem_BadInput_CodedError(string pem, string code)
    {
        Assert.AreEqual(code, Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSignerFromPem(pem, [])).Code);
    }

    [TestMethod]
    public void LoadSigner_GarbageFile_Cil1004NamesFile()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteFile("key.pem", "not a key at all");

        var e = Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSigner(path));

        Assert.AreEqual("CIL1004", e.Code);
        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void LoadSignerFromPem_PublicKey_Cil1007()
    {
        Assert.AreEqual("CIL1007", Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSignerFromPem(TestKeyFiles.Read("witness-testpub.pem"), [])).Code);
    }

    [TestMethod]
    public void LoadVerifierFromPem_PrivateKey_Cil1007()
    {
        Assert.AreEqual("CIL1007", Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadVerifierFromPem(KeyGenerator.Generate().PrivateKeyPem)).Code);
    }

    [TestMethod]
    public void LoadSignerFromPem_Secp256k1_Cil1007()
    {
        using var ec = ECDsa.Create(ECCurve.CreateFromFriendlyName("secP256k1"));

        Assert.AreEqual("CIL1007", Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadSignerFromPem(ec.ExportPkcs8PrivateKeyPem(), [])).Code);
        Assert.AreEqual("CIL1007", Assert.ThrowsExactly<CilockException>(() => KeyLoader.LoadVerifierFromPem(ec.ExportSubjectPublicKeyInfoPem())).Code);
    }

    [TestMethod]
    public void GetPublicKeyPem_LoadedSigner_CanonicalPemOfItsKey()
    {
        var key = KeyGenerator.Generate(KeyAlgorithm.Ed25519);

        Assert.AreEqual(key.PublicKeyPem, KeyLoader.GetPublicKeyPem(KeyLoader.LoadSignerFromPem(key.PrivateKeyPem, [])));
        Assert.AreEqual(key.PublicKeyPem, KeyLoader.GetPublicKeyPem(KeyLoader.LoadVerifierFromPem(key.PublicKeyPem)));
    }
}

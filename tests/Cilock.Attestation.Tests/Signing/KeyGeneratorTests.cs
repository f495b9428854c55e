using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Signing;

[TestClass]
public sealed class KeyGeneratorTests
{
    [TestMethod]
    public void Generate_Default_EcdsaP256Pkcs8AndCanonicalSpki()
    {
        var key = KeyGenerator.Generate();

        Assert.AreEqual(KeyAlgorithm.EcdsaP256, key.Algorithm);
        StringAssert.StartsWith(key.PrivateKeyPem, "-----BEGIN PRIVATE KEY-----\n");
        Assert.EndsWith("-----END PRIVATE KEY-----\n", key.PrivateKeyPem);
        Assert.AreEqual(KeyId.ToCanonicalPem(Convert.FromBase64String(string.Concat(key.PublicKeyPem.Split('\n')[1..^2]))), key.PublicKeyPem);
        Assert.DoesNotContain("PRIVATE", key.ToString());
    }

    [TestMethod]
    public void Generate_Rsa4096_KeySize()
    {
        var key = KeyGenerator.Generate(KeyAlgorithm.Rsa4096);
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(key.PublicKeyPem);

        Assert.AreEqual(4096, rsa.KeySize);
    }

    [TestMethod]
    public void Generate_TwoCalls_DifferentKeys()
    {
        Assert.AreNotEqual(KeyGenerator.Generate(KeyAlgorithm.Ed25519).KeyId, KeyGenerator.Generate(KeyAlgorithm.Ed25519).KeyId);
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_PrivateKeyMode0600_PublicKeyReadable()
    {
        using var dir = new TempDirectory();
        var key = KeyGenerator.Generate();

        KeyGenerator.Write(key, dir.Combine("sub", "k.key"), dir.Combine("sub", "k.pub"));

        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Combine("sub", "k.key")));
        Assert.AreEqual(key.PrivateKeyPem, File.ReadAllText(dir.Combine("sub", "k.key")));
        Assert.AreEqual(key.PublicKeyPem, File.ReadAllText(dir.Combine("sub", "k.pub")));
        Assert.AreEqual(key.KeyId, KeyLoader.LoadSigner(dir.Combine("sub", "k.key")).KeyId);
        Assert.IsEmpty(Directory.GetFiles(dir.Combine("sub"), "*.tmp"));
    }

    [TestMethod]
    [DataRow("ecdsa", KeyAlgorithm.EcdsaP256)]
    [DataRow("P-384", KeyAlgorithm.EcdsaP384)]
    [DataRow("p521", KeyAlgorithm.EcdsaP521)]
    [DataRow("RSA", KeyAlgorithm.Rsa3072)]
    [DataRow("rsa-4096", KeyAlgorithm.Rsa4096)]
    [DataRow("ed25519", KeyAlgorithm.Ed25519)]
    public void ParseAlgorithm_KnownNames_Parsed(string name, KeyAlgorithm expected)
    {
        Assert.AreEqual(expected, KeyGenerator.ParseAlgorithm(name));
    }

    [TestMethod]
    public void ParseAlgorithm_Unknown_Cil1007()
    {
        Assert.AreEqual("CIL1007", Assert.ThrowsExactly<CilockException>(() => KeyGenerator.ParseAlgorithm("dsa")).Code);
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.Keys;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Keys;

[TestClass]
public sealed class KeygenOperationTests
{
    [TestMethod]
    public void Execute_PrefixWithKeyExtension_IsNotDoubled()
    {
        using var dir = new TempDirectory();

        var result = KeygenOperation.Execute(new KeygenOptions { OutputPrefix = dir.Combine("release.key") });

        Assert.AreEqual(dir.Combine("release.key"), result.PrivateKeyPath);
        Assert.AreEqual(dir.Combine("release.pub"), result.PublicKeyPath);
        Assert.AreEqual(KeyLoader.LoadVerifier(result.PublicKeyPath).KeyId, result.KeyId);
    }

    [TestMethod]
    public void Execute_OnlyPublicFileExists_RefusedAndNothingChanged()
    {
        using var dir = new TempDirectory();
        var pub = dir.WriteFile("k.pub", "keep me");

        var e = Assert.ThrowsExactly<CilockException>(() => KeygenOperation.Execute(new KeygenOptions { OutputPrefix = dir.Combine("k") }));

        Assert.AreEqual(OperationDiagnostics.KeyFileExists, e.Code);
        Assert.AreEqual("keep me", File.ReadAllText(pub));
        Assert.IsFalse(File.Exists(dir.Combine("k.key")));
    }

    [TestMethod]
    [DataRow(KeyAlgorithm.EcdsaP384)]
    [DataRow(KeyAlgorithm.Ed25519)]
    public void Execute_Algorithm_KeySignsAndPublicKeyVerifies(KeyAlgorithm algorithm)
    {
        using var dir = new TempDirectory();

        var result = KeygenOperation.Execute(new KeygenOptions { OutputPrefix = dir.Combine("k"), Algorithm = algorithm });

        var data = "DSSEv1 1 t 1 x"u8.ToArray();
        var signature = KeyLoader.LoadSigner(result.PrivateKeyPath).Sign(data);
        Assert.IsTrue(KeyLoader.LoadVerifier(result.PublicKeyPath).Verify(data, signature));
        Assert.AreEqual(algorithm, result.Algorithm);
    }

    [TestMethod]
    public void Execute_EmptyPrefix_Cil1503()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => KeygenOperation.Execute(new KeygenOptions { OutputPrefix = " " }));

        Assert.AreEqual(OperationDiagnostics.InvalidOutputPath, e.Code);
    }
}

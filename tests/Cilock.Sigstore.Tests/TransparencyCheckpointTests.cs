using System.Security.Cryptography;
using System.Text;
using Cilock.Sigstore.Transparency;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class TransparencyCheckpointTests
{
    private const string Root = "Fnnj13Uu1jdksPc4HZLapKX329dVlD5+MGNsiqBq1XM=";

    [TestMethod]
    public void TryParse_RekorV1Checkpoint_ReadsBodyAndSignature()
    {
        var text = $"rekor.sigstore.dev - 2605736670972794746\n75408393\n{Root}\n\n\u2014 rekor.sigstore.dev wNI9ajBFAiBTyiBM9WtyOTgohje6QZ5rFGJUdMq7Wk3A6oThE98SUgIhAMvxDwa7FyqRqg+YV3rdPPrfS23w19iK+piMSGVOmP5w\n";
        var checkpoint = SignedCheckpoint.TryParse(text, out var error);
        Assert.IsNotNull(checkpoint, error);
        Assert.AreEqual("rekor.sigstore.dev - 2605736670972794746", checkpoint.Origin);
        Assert.AreEqual(75408393, checkpoint.TreeSize);
        CollectionAssert.AreEqual(Convert.FromBase64String(Root), checkpoint.RootHash);
        Assert.HasCount(1, checkpoint.Signatures);
        CollectionAssert.AreEqual(Convert.FromBase64String("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=")[..4], checkpoint.Signatures[0].KeyHint);
        Assert.AreEqual($"rekor.sigstore.dev - 2605736670972794746\n75408393\n{Root}\n", Encoding.UTF8.GetString(checkpoint.SignedText));
    }

    [TestMethod]
    public void TryParse_ExtensionLines_AreSigned()
    {
        var text = $"localhost:8000 - 1\n1\n{Root}\nTimestamp: 1675209600000000000\n\n\u2014 localhost:8000 9ybKozBGAiEA\n";
        var checkpoint = SignedCheckpoint.TryParse(text, out var error);
        Assert.IsNotNull(checkpoint, error);
        StringAssert.EndsWith(Encoding.UTF8.GetString(checkpoint.SignedText), "Timestamp: 1675209600000000000\n");
    }

    [TestMethod]
    [DataRow("origin\n5\n\n\u2014 log AAAAAAAA\n", "origin, a tree size and a root hash")]
    [DataRow("origin\n5\n" + Root + "\n\n", "no signature lines")]
    [DataRow("origin\n5\n" + Root + "\n", "no blank line")]
    [DataRow("origin\nfive\n" + Root + "\n\n\u2014 log AAAAAAAA\n", "tree size")]
    [DataRow("origin\n5\nAAAA\n\n\u2014 log AAAAAAAA\n", "root hash")]
    [DataRow("origin\n5\n" + Root + "\n\n- log AAAAAAAA\n", "em dash")]
    [DataRow("origin\n5\n" + Root + "\n\n\u2014 log AAA=\n", "malformed")]
    [DataRow("\n5\n" + Root + "\n\n\u2014 log AAAAAAAA\n", "origin is empty")]
    public void TryParse_Malformed_RefusedWithReason(string text, string reason)
    {
        Assert.IsNull(SignedCheckpoint.TryParse(text, out var error));
        StringAssert.Contains(error, reason);
    }

    [TestMethod]
    public void Signature_OwnEcdsaLog_VerifiesOnlyOverExactNote()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = $"example.org/log\n12\n{Root}\n";
        var signature = key.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var hint = SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..4];
        var text = $"{body}\n\u2014 example.org/log {Convert.ToBase64String([.. hint, .. signature])}\n";
        var checkpoint = SignedCheckpoint.TryParse(text, out var error)!;
        Assert.IsNotNull(checkpoint, error);
        using var verifier = SigstorePublicKey.FromSpki(key.ExportSubjectPublicKeyInfo());
        Assert.IsTrue(verifier.VerifyData(checkpoint.SignedText, checkpoint.Signatures[0].Signature));

        var tampered = SignedCheckpoint.TryParse(text.Replace("\n12\n", "\n13\n", StringComparison.Ordinal), out _)!;
        Assert.IsFalse(verifier.VerifyData(tampered.SignedText, tampered.Signatures[0].Signature));
    }
}

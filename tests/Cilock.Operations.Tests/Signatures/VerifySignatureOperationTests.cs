using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.Signatures;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Signatures;

[TestClass]
public sealed class VerifySignatureOperationTests
{
    [TestMethod]
    public void Execute_TwoSignersThresholdTwo_Valid()
    {
        using var dir = new TempDirectory();
        var (_, aPub, a) = TestKeys.Create(dir, "a");
        var (_, bPub, b) = TestKeys.Create(dir, "b");
        var file = dir.WriteFile("e.json", DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, "{}"u8.ToArray(), [a, b]).ToJson());

        var result = VerifySignatureOperation.Execute(new VerifySignatureOptions { EvidencePath = file, PublicKeyPaths = [aPub, bPub], Threshold = 2 });

        Assert.IsTrue(result.IsValid, result.Envelopes[0].Error);
        CollectionAssert.AreEquivalent(new[] { a.KeyId, b.KeyId }, result.Envelopes[0].PassedKeyIds.ToArray());
    }

    [TestMethod]
    public void Execute_KeyIdHintLies_StillVerifiesWithTheRightKey()
    {
        using var dir = new TempDirectory();
        var (_, aPub, a) = TestKeys.Create(dir, "a");
        var signed = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, "{}"u8.ToArray(), [a]);
        var lying = new DsseEnvelope(signed.PayloadType, signed.Payload, [new DsseSignature { KeyId = "not-the-key", Signature = signed.Signatures[0].Signature }]);
        var file = dir.WriteFile("e.json", lying.ToJson());

        var result = VerifySignatureOperation.Execute(new VerifySignatureOptions { EvidencePath = file, PublicKeyPaths = [aPub] });

        Assert.IsTrue(result.IsValid);
    }

    [TestMethod]
    public void Execute_NoKeys_Cil1530()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => VerifySignatureOperation.Execute(new VerifySignatureOptions { EvidencePath = "x", PublicKeyPaths = [] }));

        Assert.AreEqual(OperationDiagnostics.NoPublicKey, e.Code);
    }

    [TestMethod]
    public void Execute_MissingEvidenceFile_Cil1520()
    {
        using var dir = new TempDirectory();
        var (_, pub, _) = TestKeys.Create(dir, "a");

        var e = Assert.ThrowsExactly<CilockException>(() => VerifySignatureOperation.Execute(new VerifySignatureOptions { EvidencePath = dir.Combine("none"), PublicKeyPaths = [pub] }));

        Assert.AreEqual(OperationDiagnostics.InputFileUnreadable, e.Code);
    }
}

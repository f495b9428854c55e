using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;

namespace Cilock.Attestation.Tests.Dsse;

[TestClass]
public sealed class DsseVerifierTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"_type\":\"https://in-toto.io/Statement/v1\"}");
    private static readonly Lazy<ISigner> KeyA = new(() => KeyLoader.LoadSignerFromPem(KeyGenerator.Generate().PrivateKeyPem, []));
    private static readonly Lazy<ISigner> KeyB = new(() => KeyLoader.LoadSignerFromPem(KeyGenerator.Generate(KeyAlgorithm.Ed25519).PrivateKeyPem, []));

    private static IVerifier VerifierOf(ISigner signer) => KeyLoader.LoadVerifierFromPem(KeyLoader.GetPublicKeyPem(signer));

    private static DsseVerificationResult Verify(DsseEnvelope envelope, int threshold = 1, params ISigner[] trusted) =>
        DsseVerifier.Verify(envelope, new DsseVerificationOptions { Verifiers = [.. trusted.Select(VerifierOf)], Threshold = threshold });

    [TestMethod]
    public void Verify_UntouchedEnvelope_Valid()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyA.Value]);

        var result = Verify(envelope, 1, KeyA.Value);

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.IsNull(result.ToDiagnostic());
    }

    [TestMethod]
    public void Verify_FlippedPayloadByte_Invalid()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyA.Value]);
        var payload = (byte[])envelope.Payload.Clone();
        payload[3] ^= 0x20;

        var result = Verify(new DsseEnvelope(envelope.PayloadType, payload, envelope.Signatures), 1, KeyA.Value);

        Assert.IsFalse(result.IsValid);
        Assert.AreEqual("CIL1010", result.ToDiagnostic()!.Code);
        StringAssert.StartsWith(result.Error, "no valid signatures for the provided verifiers");
    }

    [TestMethod]
    public void ThrowIfInvalid_InvalidResult_Cil1010NamingTheInput()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyB.Value]);

        var e = Assert.ThrowsExactly<CilockException>(() => Verify(envelope, 1, KeyA.Value).ThrowIfInvalid("build.json"));
        Verify(envelope, 1, KeyB.Value).ThrowIfInvalid("build.json");

        Assert.AreEqual("CIL1010", e.Code);
        StringAssert.StartsWith(e.Message, "build.json: no valid signatures");
    }

    [TestMethod]
    public void Verify_ChangedPayloadType_Invalid()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyA.Value]);

        Assert.IsFalse(Verify(new DsseEnvelope("application/json", envelope.Payload, envelope.Signatures), 1, KeyA.Value).IsValid);
    }

    [TestMethod]
    public void Verify_SignedByAnotherKey_InvalidWithReason()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyB.Value]);

        var result = Verify(envelope, 1, KeyA.Value);

        Assert.IsFalse(result.IsValid);
        Assert.HasCount(1, result.Failures);
        Assert.AreEqual(KeyA.Value.KeyId, result.Failures[0].KeyId);
    }

    [TestMethod]
    public void Verify_DuplicatedSignatureThresholdTwo_InvalidBecauseKeyidsCountedOnce()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyA.Value]);
        var doubled = new DsseEnvelope(envelope.PayloadType, envelope.Payload, [envelope.Signatures[0], envelope.Signatures[0]]);

        var result = Verify(doubled, 2, KeyA.Value);

        Assert.IsFalse(result.IsValid);
        Assert.HasCount(2, result.Passed);
        Assert.HasCount(1, result.PassedKeyIds);
        StringAssert.Contains(result.Error, "threshold is 2");
    }

    [TestMethod]
    public void Verify_TwoDistinctKeysThresholdTwo_Valid()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyA.Value, KeyB.Value]);

        var result = Verify(envelope, 2, KeyA.Value, KeyB.Value);

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.HasCount(2, result.PassedKeyIds);
    }

    [TestMethod]
    public void Verify_KeyIdLies_IgnoredForSelection()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyA.Value]);
        var lying = new DsseEnvelope(envelope.PayloadType, envelope.Payload, [new DsseSignature { KeyId = KeyB.Value.KeyId, Signature = envelope.Signatures[0].Signature }]);

        var result = Verify(lying, 1, KeyB.Value, KeyA.Value);

        Assert.IsTrue(result.IsValid, result.Error);
        CollectionAssert.AreEqual(new[] { KeyA.Value.KeyId }, result.PassedKeyIds.ToArray(), "the key that verified counts, not the claimed keyid");
    }

    [TestMethod]
    public void Verify_OtherSignatureFirst_EveryVerifierTriedOnEverySignature()
    {
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyB.Value, KeyA.Value]);

        Assert.IsTrue(Verify(envelope, 1, KeyA.Value).IsValid);
    }

    [TestMethod]
    public void Verify_NoSignatures_Invalid()
    {
        Assert.IsFalse(Verify(new DsseEnvelope("t", Payload, []), 1, KeyA.Value).IsValid);
    }

    [TestMethod]
    public void Verify_NoVerifiers_Invalid()
    {
        Assert.IsFalse(Verify(DsseSigner.Sign("t", Payload, [KeyA.Value])).IsValid);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(-1)]
    public void Verify_NonPositiveThreshold_Cil1014(int threshold)
    {
        var envelope = DsseSigner.Sign("t", Payload, [KeyA.Value]);

        Assert.AreEqual("CIL1014", Assert.ThrowsExactly<CilockException>(() => Verify(envelope, threshold, KeyA.Value)).Code);
    }

    [TestMethod]
    public void Sign_NoSigners_Cil1014()
    {
        Assert.AreEqual("CIL1014", Assert.ThrowsExactly<CilockException>(() => DsseSigner.Sign("t", Payload, [])).Code);
    }

    [TestMethod]
    public void Sign_TimestampHook_ReceivesRawSignatureBytes()
    {
        byte[]? stamped = null;

        var envelope = DsseSigner.Sign("t", Payload, [KeyA.Value], sig => { stamped = sig; return [0x30, 0x00]; });

        CollectionAssert.AreEqual(envelope.Signatures[0].Signature, stamped);
        CollectionAssert.AreEqual(new byte[] { 0x30, 0x00 }, envelope.Signatures[0].Timestamps[0]);
    }
}

using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Signing;

[TestClass]
public sealed class SignerRoundTripTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[]}");

    [TestMethod]
    [DataRow(KeyAlgorithm.EcdsaP256)]
    [DataRow(KeyAlgorithm.EcdsaP384)]
    [DataRow(KeyAlgorithm.EcdsaP521)]
    [DataRow(KeyAlgorithm.Rsa3072)]
    [DataRow(KeyAlgorithm.Ed25519)]
    public void Sign_GeneratedKey_VerifiesWithLoadedPublicKey(KeyAlgorithm algorithm)
    {
        var key = KeyGenerator.Generate(algorithm);
        var signer = KeyLoader.LoadSignerFromPem(key.PrivateKeyPem, []);
        var verifier = KeyLoader.LoadVerifierFromPem(key.PublicKeyPem);

        var envelope = DsseEnvelope.Parse(DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [signer]).ToJson());
        var result = DsseVerifier.Verify(envelope, new DsseVerificationOptions { Verifiers = [verifier] });

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.AreEqual(key.KeyId, signer.KeyId);
        Assert.AreEqual(key.KeyId, envelope.Signatures[0].KeyId);
        CollectionAssert.AreEqual(new[] { key.KeyId }, result.PassedKeyIds.ToArray());
    }

    [TestMethod]
    [DataRow(KeyAlgorithm.EcdsaP384)]
    [DataRow(KeyAlgorithm.EcdsaP521)]
    public void Sign_EcdsaLargeCurves_Sha256DerSignature(KeyAlgorithm algorithm)
    {
        var key = KeyGenerator.Generate(algorithm);
        var signer = KeyLoader.LoadSignerFromPem(key.PrivateKeyPem, []);
        using var ec = ECDsa.Create();
        ec.ImportFromPem(key.PublicKeyPem);

        var sig = signer.Sign(Payload);

        Assert.AreEqual(0x30, sig[0], "DER SEQUENCE");
        Assert.IsTrue(ec.VerifyData(Payload, sig, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.IsFalse(ec.VerifyData(Payload, sig, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence));
    }

    [TestMethod]
    public void Verify_EcdsaIeeeP1363Signature_RejectedLikeGo()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verifier = KeyLoader.FromSubjectPublicKeyInfo(ec.ExportSubjectPublicKeyInfo());

        var p1363 = ec.SignData(Payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var der = ec.SignData(Payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.IsFalse(verifier.Verify(Payload, p1363));
        Assert.IsTrue(verifier.Verify(Payload, der));
    }

    [TestMethod]
    [TestCategory("Integration")]
    [DataRow(KeyAlgorithm.EcdsaP256)]
    [DataRow(KeyAlgorithm.EcdsaP384)]
    [DataRow(KeyAlgorithm.EcdsaP521)]
    [DataRow(KeyAlgorithm.Rsa3072)]
    [DataRow(KeyAlgorithm.Ed25519)]
    public void Sign_EveryAlgorithm_IndependentOpenSslValidatorAgrees(KeyAlgorithm algorithm)
    {
        using var dir = new TempDirectory();
        var key = KeyGenerator.Generate(algorithm);
        var pub = dir.WriteFile("pub.pem", key.PublicKeyPem);
        var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [KeyLoader.LoadSignerFromPem(key.PrivateKeyPem, [])]);
        var good = dir.WriteFile("good.json", envelope.ToJson());
        var tamperedPayload = (byte[])Payload.Clone();
        tamperedPayload[5] ^= 1;
        var bad = dir.WriteFile("bad.json", new DsseEnvelope(envelope.PayloadType, tamperedPayload, envelope.Signatures).ToJson());
        var jsonl = dir.WriteFile("all.intoto.jsonl", envelope.ToJson() + "\n" + envelope.ToJson() + "\n");

        var (okExit, okOutput) = Validators.Run("verify-dsse.sh", good, pub);
        var (jsonlExit, jsonlOutput) = Validators.Run("verify-dsse.sh", jsonl, pub);
        var (badExit, badOutput) = Validators.Run("verify-dsse.sh", bad, pub);

        Assert.AreEqual(0, okExit, okOutput);
        Assert.AreEqual(0, jsonlExit, jsonlOutput);
        Assert.AreEqual(1, badExit, badOutput);
        Assert.HasCount(2, DsseEnvelope.ReadJsonLines(File.ReadAllText(jsonl)));
    }
}

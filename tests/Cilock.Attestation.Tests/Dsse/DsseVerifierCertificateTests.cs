using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Attestation.Tests.Crypto;

namespace Cilock.Attestation.Tests.Dsse;

[TestClass]
public sealed class DsseVerifierCertificateTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"_type\":\"https://in-toto.io/Statement/v1\"}");

    /// <summary>Fulcio-like setup: root, code-signing intermediate, a 10-minute leaf; TSA under its own root.</summary>
    private sealed class Pki : IDisposable
    {
        public Pki(DateTimeOffset leafNotBefore, string[]? leafEkus = null)
        {
            Root = TestPki.CreateRoot();
            Intermediate = TestPki.CreateIntermediate(Root, "Test Intermediate", Oids.CodeSigning);
            LeafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Leaf = TestPki.CreateLeaf(Intermediate, LeafKey, leafNotBefore, TimeSpan.FromMinutes(10), leafEkus);
            TsaRoot = TestPki.CreateRoot("Test TSA Root");
            Tsa = TestPki.CreateTsa(TsaRoot);
        }

        public X509Certificate2 Root { get; }

        public X509Certificate2 Intermediate { get; }

        public ECDsa LeafKey { get; }

        public X509Certificate2 Leaf { get; }

        public X509Certificate2 TsaRoot { get; }

        public X509Certificate2 Tsa { get; }

        public TimestampAuthority Authority => new("test-tsa", TsaRoot, []);

        public DsseEnvelope Sign(Func<byte[], byte[]>? timestamp = null)
        {
            using var key = ECDsa.Create(LeafKey.ExportParameters(true));
            var signer = new X509CertificateSigner(new EcdsaSigner(ECDsa.Create(LeafKey.ExportParameters(true))), TestPki.Pem(Leaf), [TestPki.Pem(Intermediate)]);
            return DsseEnvelope.Parse(DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, Payload, [signer], timestamp).ToJson());
        }

        public void Dispose()
        {
            foreach (var d in new IDisposable[] { Root, Intermediate, LeafKey, Leaf, TsaRoot, Tsa })
            {
                d.Dispose();
            }
        }
    }

    private static DsseVerificationOptions Options(Pki pki, bool withTsa = true) => new()
    {
        Roots = [pki.Root],
        TimestampAuthorities = withTsa ? [pki.Authority] : [],
    };

    [TestMethod]
    public void Verify_CertificateWithoutTsa_RejectedByDefault()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));

        var result = DsseVerifier.Verify(pki.Sign(), Options(pki, withTsa: false));

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "proof of signing time");
    }

    [TestMethod]
    public void Verify_CertificateWithoutTsaWitnessFallback_ValidNow()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));

        var result = DsseVerifier.Verify(pki.Sign(), Options(pki, withTsa: false) with { WitnessTimeFallback = true });

        Assert.IsTrue(result.IsValid, result.Error);
        var verified = result.VerifiedCertificates.Single();
        Assert.AreEqual(pki.Leaf.Thumbprint, verified.Leaf.Thumbprint);
        Assert.IsFalse(verified.TimeFromTimestamp);
        Assert.HasCount(3, verified.Chain);
        Assert.AreEqual(KeyId.Compute(pki.LeafKey.ExportSubjectPublicKeyInfo()), result.PassedKeyIds.Single());
    }

    [TestMethod]
    public void Verify_IntermediateAsAnchor_Valid()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));

        var result = DsseVerifier.Verify(pki.Sign(), Options(pki, withTsa: false) with { Roots = [pki.Intermediate], WitnessTimeFallback = true });

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.AreEqual(pki.Intermediate.Thumbprint, result.VerifiedCertificates.Single().Chain[^1].Thumbprint);
    }

    [TestMethod]
    public void Verify_IntermediateAsAnchorWithRootAsIntermediate_Valid()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));

        // The real cilock-trivy policy: anchor = sigstore intermediate, the sigstore root listed as intermediate.
        var result = DsseVerifier.Verify(pki.Sign(), Options(pki, withTsa: false) with { Roots = [pki.Intermediate], Intermediates = [pki.Root], WitnessTimeFallback = true });

        Assert.IsTrue(result.IsValid, result.Error);
    }

    [TestMethod]
    public void Verify_UnrelatedRoot_Invalid()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));
        using var other = TestPki.CreateRoot("Other Root");

        var result = DsseVerifier.Verify(pki.Sign(), Options(pki, withTsa: false) with { Roots = [other], WitnessTimeFallback = true });

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "does not chain to a trusted root");
    }

    [TestMethod]
    public void Verify_LeafWithoutCodeSigning_RejectedUnlessWitnessCompat()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1), leafEkus: ["1.3.6.1.5.5.7.3.1"]);
        var options = Options(pki, withTsa: false) with { WitnessTimeFallback = true };

        var strict = DsseVerifier.Verify(pki.Sign(), options);
        var compat = DsseVerifier.Verify(pki.Sign(), options with { WitnessCompatAnyExtendedKeyUsage = true });

        Assert.IsFalse(strict.IsValid);
        StringAssert.Contains(strict.Error, Oids.CodeSigning);
        Assert.IsTrue(compat.IsValid, compat.Error);
    }

    [TestMethod]
    public void Verify_ExpiredLeafWithoutTsa_RejectedEvenWithFallback()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddDays(-3));

        var result = DsseVerifier.Verify(pki.Sign(), Options(pki, withTsa: false) with { WitnessTimeFallback = true });

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "is not valid at");
    }

    [TestMethod]
    public void Verify_ExpiredLeafWithTimestampAtSigning_ValidAtGenTime()
    {
        var signedAt = DateTimeOffset.UtcNow.AddDays(-3);
        using var pki = new Pki(signedAt.AddMinutes(-1));
        var genTime = new DateTimeOffset(signedAt.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var result = DsseVerifier.Verify(pki.Sign(sig => TestPki.CreateToken(sig, genTime, pki.Tsa)), Options(pki));

        Assert.IsTrue(result.IsValid, result.Error);
        var verified = result.VerifiedCertificates.Single();
        Assert.IsTrue(verified.TimeFromTimestamp);
        Assert.AreEqual(genTime, verified.TrustedTime);
        Assert.AreEqual(genTime, result.VerifiedTimestamps.Single().GenTime);
        Assert.AreEqual("test-tsa", result.VerifiedTimestamps.Single().Authority);
    }

    [TestMethod]
    public void Verify_TimestampOutsideLeafValidity_Invalid()
    {
        var signedAt = DateTimeOffset.UtcNow.AddDays(-3);
        using var pki = new Pki(signedAt.AddMinutes(-1));

        var result = DsseVerifier.Verify(pki.Sign(sig => TestPki.CreateToken(sig, signedAt.AddMinutes(30), pki.Tsa)), Options(pki));

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "is not valid at");
    }

    [TestMethod]
    public void Verify_TimestampOverPayloadInsteadOfSignature_Invalid()
    {
        var signedAt = DateTimeOffset.UtcNow.AddDays(-3);
        using var pki = new Pki(signedAt.AddMinutes(-1));

        var result = DsseVerifier.Verify(pki.Sign(_ => TestPki.CreateToken(Payload, signedAt, pki.Tsa)), Options(pki));

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "imprint");
    }

    [TestMethod]
    public void Verify_TimestampFromUntrustedTsa_Invalid()
    {
        var signedAt = DateTimeOffset.UtcNow.AddDays(-3);
        using var pki = new Pki(signedAt.AddMinutes(-1));
        using var otherRoot = TestPki.CreateRoot("Other TSA Root");
        using var otherTsa = TestPki.CreateTsa(otherRoot);

        var result = DsseVerifier.Verify(pki.Sign(sig => TestPki.CreateToken(sig, signedAt, otherTsa)), Options(pki));

        Assert.IsFalse(result.IsValid);
    }

    [TestMethod]
    public void Verify_CertificateSignatureWithTsaButNoToken_Invalid()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));

        var result = DsseVerifier.Verify(pki.Sign(), Options(pki) with { WitnessTimeFallback = true });

        Assert.IsFalse(result.IsValid, "no fallback to now once a TSA is configured");
        StringAssert.Contains(result.Error, "has no timestamp");
    }

    [TestMethod]
    public void Verify_KeySignatureWithCertificate_KeyVerifierStillCounts()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));
        var leafVerifier = KeyLoader.CreateVerifier(pki.Leaf);

        var result = DsseVerifier.Verify(pki.Sign(), Options(pki, withTsa: false) with { Verifiers = [leafVerifier] });

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.IsEmpty(result.VerifiedCertificates);
    }

    [TestMethod]
    public void Verify_UnparsableCertificate_KeyVerifiersStillTried()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));
        var envelope = pki.Sign();
        var sig = envelope.Signatures[0];
        var broken = new DsseEnvelope(envelope.PayloadType, envelope.Payload, [new DsseSignature { KeyId = sig.KeyId, Signature = sig.Signature, CertificatePem = "not a certificate" }]);

        var result = DsseVerifier.Verify(broken, Options(pki) with { Verifiers = [KeyLoader.CreateVerifier(pki.Leaf)] });

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.IsTrue(result.Failures.Any(f => f.Reason.Contains("not a PEM certificate", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Sign_CertificateSigner_CarriesLeafAndIntermediatesAsBase64Pem()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));

        var json = pki.Sign().ToJson();

        StringAssert.Contains(json, "\"certificate\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestPki.Pem(pki.Leaf))) + "\"");
        StringAssert.Contains(json, "\"intermediates\":[\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(TestPki.Pem(pki.Intermediate))) + "\"]");
    }

    [TestMethod]
    public void X509CertificateSigner_CertificateForAnotherKey_Cil1016()
    {
        using var pki = new Pki(DateTimeOffset.UtcNow.AddMinutes(-1));
        var otherKey = KeyLoader.LoadSignerFromPem(KeyGenerator.Generate().PrivateKeyPem, []);

        var e = Assert.ThrowsExactly<Cilock.Attestation.Diagnostics.CilockException>(() => new X509CertificateSigner(otherKey, TestPki.Pem(pki.Leaf)));

        Assert.AreEqual("CIL1016", e.Code);
    }
}

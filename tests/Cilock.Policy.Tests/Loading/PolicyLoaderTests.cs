using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Authoring;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Loading;
using Cilock.Policy.Model;
using Cilock.Policy.Tests.Support;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Loading;

[TestClass]
public sealed class PolicyLoaderTests
{
    private static readonly TestKey PolicyKey = TestKey.Create();
    private static readonly TestKey StepKey = TestKey.Create();

    private static PolicyDocument Document() => Policies.Create([StepKey], Policies.Step("build", [StepKey], ["https://aflock.ai/attestations/product/v0.3"]));

    private static PolicyLoadOptions Trusting(params TestKey[] keys) =>
        new() { PublicKeys = [.. keys.Select(k => k.Verifier)], Verification = Policies.Options() };

    [TestMethod]
    public void Load_SignedWithTrustedKey_KeepsPayloadBytesVerbatim()
    {
        // Odd whitespace proves the payload is used as signed, never re-serialized.
        var json = Encoding.UTF8.GetBytes("  " + Encoding.UTF8.GetString(PolicyWriter.Serialize(Document())).Replace("\n", "\r\n") + "\n\n");
        var policy = PolicyLoader.Load(Policies.SignBytes(json, PolicyKey), Trusting(PolicyKey));

        CollectionAssert.AreEqual(json, policy.Payload);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(json)), policy.PayloadSha256);
        CollectionAssert.AreEqual(new[] { PolicyKey.KeyId }, policy.SignerKeyIds.ToArray());
        Assert.IsTrue(policy.IsSigned);
    }

    [TestMethod]
    public void Load_SignedByAnotherKey_FailsSignature()
    {
        var bytes = Policies.SignBytes(PolicyWriter.Serialize(Document()), TestKey.Create());

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(bytes, Trusting(PolicyKey)));
        Assert.AreEqual(PolicyDiagnostics.PolicySignatureInvalid, e.Code);
    }

    [TestMethod]
    public void Load_PayloadEditedAfterSigning_FailsSignature()
    {
        var envelope = DsseEnvelope.Parse(Policies.SignBytes(PolicyWriter.Serialize(Document()), PolicyKey));
        var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(envelope.Payload).Replace("2026-12-24", "2099-12-24", StringComparison.Ordinal));
        Assert.IsFalse(edited.AsSpan().SequenceEqual(envelope.Payload), "the edit must change the payload");
        var tampered = new DsseEnvelope(envelope.PayloadType, edited, envelope.Signatures).ToJsonBytes();

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(tampered, Trusting(PolicyKey)));
        Assert.AreEqual(PolicyDiagnostics.PolicySignatureInvalid, e.Code);
    }

    [TestMethod]
    public void Load_ReserializedPayload_FailsSignature()
    {
        var envelope = DsseEnvelope.Parse(Policies.SignBytes(PolicyWriter.Serialize(Document()), PolicyKey));
        var compact = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(envelope.Payload)!.ToJsonString());
        var tampered = new DsseEnvelope(envelope.PayloadType, compact, envelope.Signatures).ToJsonBytes();

        Assert.AreEqual(PolicyDiagnostics.PolicySignatureInvalid, Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(tampered, Trusting(PolicyKey))).Code);
    }

    [TestMethod]
    [DataRow(-1)]
    [DataRow(0)]
    public void Load_ExpiredPolicy_Fails(int days)
    {
        var doc = Document();
        doc.Expires = FixedTime.Default.AddDays(days);

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(Policies.SignBytes(PolicyWriter.Serialize(doc), PolicyKey), Trusting(PolicyKey)));
        Assert.AreEqual(PolicyDiagnostics.PolicyExpired, e.Code);
    }

    [TestMethod]
    public void Load_ExpiresAbsent_TreatedAsExpired()
    {
        var doc = Document();
        doc.Expires = null;

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(Policies.SignBytes(PolicyWriter.Serialize(doc), PolicyKey), Trusting(PolicyKey)));
        Assert.AreEqual(PolicyDiagnostics.PolicyExpired, e.Code);
        StringAssert.Contains(e.Message, "no 'expires'");
    }

    [TestMethod]
    public void Load_UnsignedPolicy_RefusedUnlessExplicitlyAllowed()
    {
        var bare = PolicyWriter.Serialize(Document());

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(bare, Trusting(PolicyKey)));
        var allowed = PolicyLoader.Load(bare, Trusting() with { AllowUnsignedUnsafe = true });

        Assert.AreEqual(PolicyDiagnostics.PolicyUnsigned, e.Code);
        Assert.IsFalse(allowed.IsSigned);
        Assert.IsTrue(allowed.Diagnostics.Any(d => d.Code == PolicyDiagnostics.PolicyUnsigned && d.Severity == DiagnosticSeverity.Warning));
    }

    [TestMethod]
    public void Load_EnvelopeWithoutAnyTrust_Refused()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(Policies.SignBytes(PolicyWriter.Serialize(Document()), PolicyKey), Trusting()));
        Assert.AreEqual(PolicyDiagnostics.PolicyTrustMissing, e.Code);
    }

    [TestMethod]
    [DataRow(PolicyLoader.WitnessPolicyPayloadType)]
    [DataRow(PolicyLoader.AflockPolicyPayloadType)]
    [DataRow("application/x-anything")]
    public void Load_AnyPayloadType_Accepted(string payloadType)
    {
        var policy = PolicyLoader.Load(Policies.SignBytes(PolicyWriter.Serialize(Document()), PolicyKey, payloadType), Trusting(PolicyKey));
        Assert.AreEqual(payloadType, policy.PayloadType);
    }

    [TestMethod]
    public void Load_StructurallyInvalidPolicy_FailsWithAllReasons()
    {
        var doc = Document();
        doc.Steps!["build"].AttestationsFrom = ["nowhere"];
        doc.Steps!["build"].Name = "other";

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(Policies.SignBytes(PolicyWriter.Serialize(doc), PolicyKey), Trusting(PolicyKey)));
        Assert.AreEqual(PolicyDiagnostics.PolicyInvalid, e.Code);
        StringAssert.Contains(e.Message, "nowhere");
        StringAssert.Contains(e.Message, "map key");
    }

    [TestMethod]
    public void Load_CertificateSignedPolicyWithoutIdentityPin_Refused()
    {
        var (bytes, options) = CertificateSigned(new PolicySignerIdentity());

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(bytes, options));
        Assert.AreEqual(PolicyDiagnostics.PolicySignerUnpinned, e.Code);
    }

    [TestMethod]
    public void Load_CertificateSignedPolicyWithPinnedEmail_AcceptedAtTimestamp()
    {
        var (bytes, options) = CertificateSigned(new PolicySignerIdentity { Emails = ["release@acme.example"] });

        var policy = PolicyLoader.Load(bytes, options);

        Assert.AreEqual(1, policy.SignerKeyIds.Count);
    }

    [TestMethod]
    public void Load_CertificateSignedPolicyWithOtherEmail_Refused()
    {
        var (bytes, options) = CertificateSigned(new PolicySignerIdentity { Emails = ["someone@else.example"] });

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyLoader.Load(bytes, options));
        Assert.AreEqual(PolicyDiagnostics.PolicySignatureInvalid, e.Code);
        StringAssert.Contains(e.Message, "emails");
    }

    [TestMethod]
    public void Load_CertificateSignedPolicyWithWitnessSemantics_AcceptsUnpinned()
    {
        var (bytes, options) = CertificateSigned(new PolicySignerIdentity());

        var policy = PolicyLoader.Load(bytes, options with { Verification = options.Verification with { CertConstraints = ConstraintSemantics.Witness } });

        Assert.AreEqual(1, policy.SignerKeyIds.Count);
    }

    /// <summary>A policy signed with a 10-minute certificate that expired long ago, stamped by a TSA at signing time.</summary>
    private static (byte[] Bytes, PolicyLoadOptions Options) CertificateSigned(PolicySignerIdentity identity)
    {
        var signedAt = FixedTime.Default.AddDays(-20);
        var ca = new TestCa(signedAt);
        var signer = ca.CreateSigner(new LeafIdentity { Emails = ["release@acme.example"] }, signedAt.AddMinutes(-1));
        var envelope = DsseSigner.Sign(PolicyLoader.WitnessPolicyPayloadType, PolicyWriter.Serialize(Document()), [signer], sig => ca.Timestamp(sig, signedAt));
        var options = new PolicyLoadOptions
        {
            CaRoots = [ca.Root],
            TimestampAuthorities = [new Cilock.Attestation.Crypto.TimestampAuthority("tsa", ca.Root, [])],
            SignerIdentity = identity,
            Verification = Policies.Options(),
        };
        return (envelope.ToJsonBytes(), options);
    }
}

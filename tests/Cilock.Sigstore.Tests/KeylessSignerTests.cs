using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Rekor;
using Cilock.Sigstore.Signing;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

/// <summary>Keyless signing end to end against the loopback Fulcio + Rekor + TSA of sigstore-mock.sh, checked by sigstore-js and by our verifier.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class KeylessSignerTests
{
    // Tests run in parallel: one mock per class, started once (a second mock would have other keys).
    private static readonly Lazy<SigstoreMock> s_mock = new(SigstoreMock.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private static SigstoreMock Mock => s_mock.Value;

    [ClassCleanup]
    public static void Cleanup()
    {
        if (s_mock.IsValueCreated)
        {
            s_mock.Value.Dispose();
        }
    }

    internal static ParsableSigner Signer(SigstoreMock mock, RekorEntryKind kind = RekorEntryKind.Intoto) =>
        new(new KeylessSigner(new StaticIdentityTokenProvider(mock.Token, "test"), new KeylessSigningOptions
        {
            FulcioUrl = new Uri(mock.FulcioUrl),
            RekorUrl = new Uri(mock.RekorUrl),
            TimestampAuthorityUrls = [new Uri(mock.TsaUrl)],
            EnvelopeEntryKind = kind,
        }));

    /// <summary>Signs again (at most 5 times) while the mock's timestamp has a genTime sigstore-js cannot parse.</summary>
    internal sealed class ParsableSigner(KeylessSigner signer)
    {
        public Task<KeylessSignedEnvelope> SignEnvelopeAsync(string payloadType, byte[] payload) =>
            UntilParsable(() => signer.SignEnvelopeAsync(payloadType, payload), s => s.Bundle);

        public Task<KeylessSignedBlob> SignBlobAsync(Stream artifact) =>
            UntilParsable(() => { artifact.Position = 0; return signer.SignBlobAsync(artifact); }, s => s.Bundle);

        private static async Task<T> UntilParsable<T>(Func<Task<T>> sign, Func<T, SigstoreBundle> bundle)
        {
            for (var attempt = 1; ; attempt++)
            {
                var signed = await sign();
                if (attempt == 5 || !SigstoreMock.HasShortFractionTime(bundle(signed).VerificationMaterial.TimestampVerificationData!.Rfc3161Timestamps[0].SignedTimestamp))
                {
                    return signed;
                }
            }
        }
    }

    internal static byte[] Statement(string name, byte[] content) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["_type"] = "https://in-toto.io/Statement/v1",
        ["subject"] = new JsonArray(new JsonObject { ["name"] = name, ["digest"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)) } }),
        ["predicateType"] = "https://example.com/test/v1",
        ["predicate"] = new JsonObject(),
    }.ToJsonString());

    /// <summary>Verifies with sigstore-js and with our verifier; both must agree (0 = verified for both).</summary>
    private static (int Code, string Output) VerifyWithSigstoreJs(string bundle, string artifact, string trustedRoot, string identity, string issuer, TimeProvider? ourClock = null)
    {
        var (code, output) = Validators.Run("verify-sigstore-bundle.sh", "--bundle", bundle, "--artifact", artifact, "--trusted-root", trustedRoot,
            "--certificate-identity", identity, "--certificate-oidc-issuer", issuer);
        string? refusal;
        try
        {
            var ours = new SigstoreBundleVerifier(TrustedRoot.Load(trustedRoot), ourClock).Verify(
                SigstoreBundle.Load(bundle),
                SigstoreArtifact.Parse(artifact),
                new SigstoreVerificationOptions { CertificateIdentity = identity, CertificateOidcIssuer = issuer });
            refusal = ours.IsVerified ? null : ours.Failure?.ToString() ?? "not verified";
        }
        catch (Cilock.Attestation.Diagnostics.CilockException e)
        {
            // A structural refusal (the bundle parser) is a coded "not verified" too.
            refusal = $"{e.Code}: {e.Message}";
        }

        Assert.AreEqual(code == 0, refusal is null, $"our verifier disagrees with sigstore-js: ours {refusal ?? "verified"}; sigstore-js: {output}");
        return (code, output + (refusal is null ? "" : $"\nours: {refusal}"));
    }

    [TestMethod]
    public async Task SignEnvelope_AgainstMock_BundleVerifiesWithSigstoreJsAndOurs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("app.bin", "the artifact");
        var signed = await Signer(Mock).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("app.bin", File.ReadAllBytes(artifact)));
        var bundle = dir.Combine("app.sigstore.json");
        File.WriteAllBytes(bundle, signed.Bundle.ToJsonBytes());

        var (code, output) = VerifyWithSigstoreJs(bundle, artifact, Mock.TrustedRoot, Mock.Identity, Mock.Issuer);

        Assert.AreEqual(0, code, output);
        Assert.AreEqual(BundleMediaTypes.V03, signed.Bundle.MediaType);
        Assert.AreEqual("intoto", signed.Bundle.VerificationMaterial.TlogEntries[0].KindVersion.Kind);
        StringAssert.Contains(signed.Identity, Mock.Identity);
    }

    [TestMethod]
    public async Task SignEnvelope_AgainstMock_WitnessEnvelopeCarriesLeafAndTimestamp()
    {
        var signed = await Signer(Mock).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("a", [1]));

        var signature = signed.Envelope.Signatures.Single();
        Assert.IsNotNull(signature.CertificatePem);
        StringAssert.StartsWith(signature.CertificatePem, "-----BEGIN CERTIFICATE-----");
        Assert.AreEqual(1, signature.Timestamps.Count);
        // Same token: the bundle holds the whole TimeStampResp, the envelope only its TimeStampToken.
        var response = signed.Bundle.VerificationMaterial.TimestampVerificationData!.Rfc3161Timestamps[0].SignedTimestamp;
        Assert.IsTrue(response.AsSpan().IndexOf(signature.Timestamps[0]) > 0, "the envelope's token is not the one in the bundle's response");
        CollectionAssert.AreEqual(signature.Signature, signed.Bundle.DsseEnvelope!.Signatures[0].Sig);
        // The mock's chain is leaf + self-signed root: the root stays out of the envelope.
        Assert.AreEqual(0, signature.IntermediatePems.Count);

        // The Witness-form envelope verifies with the certificate's key over PAE.
        using var leaf = X509Certificate2.CreateFromPem(signature.CertificatePem);
        using var key = leaf.GetECDsaPublicKey()!;
        Assert.IsTrue(key.VerifyData(Pae.Encode(signed.Envelope.PayloadType, signed.Envelope.Payload), signature.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var json = signed.Envelope.ToJson();
        StringAssert.Contains(json, "\"timestamps\":[{\"type\":\"tsp\"");
    }

    [TestMethod]
    public async Task SignBlob_AgainstMock_HashedRekordBundleVerifiesWithSigstoreJsAndOurs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("blob.txt", "blob content");
        await using var stream = File.OpenRead(artifact);
        var signed = await Signer(Mock).SignBlobAsync(stream);
        var bundle = dir.Combine("blob.sigstore.json");
        File.WriteAllBytes(bundle, signed.Bundle.ToJsonBytes());

        var (code, output) = VerifyWithSigstoreJs(bundle, artifact, Mock.TrustedRoot, Mock.Identity, Mock.Issuer);

        Assert.AreEqual(0, code, output);
        Assert.AreEqual("hashedrekord", signed.Bundle.VerificationMaterial.TlogEntries[0].KindVersion.Kind);
    }

    [TestMethod]
    public async Task SignEnvelope_ChangedArtifact_RefusedBySigstoreJsAndOurs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("app.bin", "original");
        var signed = await Signer(Mock).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("app.bin", File.ReadAllBytes(artifact)));
        var bundle = dir.Combine("app.sigstore.json");
        File.WriteAllBytes(bundle, signed.Bundle.ToJsonBytes());
        File.WriteAllText(artifact, "changed");

        var (code, output) = VerifyWithSigstoreJs(bundle, artifact, Mock.TrustedRoot, Mock.Identity, Mock.Issuer);

        Assert.AreEqual(1, code, output);
    }

    [TestMethod]
    public async Task SignBlob_ChangedArtifact_RefusedBySigstoreJsAndOurs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("blob.txt", "original");
        await using (var stream = File.OpenRead(artifact))
        {
            var signed = await Signer(Mock).SignBlobAsync(stream);
            File.WriteAllBytes(dir.Combine("b.sigstore.json"), signed.Bundle.ToJsonBytes());
        }

        File.WriteAllText(artifact, "changed!");

        var (code, output) = VerifyWithSigstoreJs(dir.Combine("b.sigstore.json"), artifact, Mock.TrustedRoot, Mock.Identity, Mock.Issuer);

        Assert.AreEqual(1, code, output);
    }

    [TestMethod]
    public async Task SignEnvelope_OtherOidcIssuerExpected_RefusedBySigstoreJsAndOurs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("app.bin", "x");
        var signed = await Signer(Mock).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("app.bin", File.ReadAllBytes(artifact)));
        File.WriteAllBytes(dir.Combine("b.json"), signed.Bundle.ToJsonBytes());

        var (code, output) = VerifyWithSigstoreJs(dir.Combine("b.json"), artifact, Mock.TrustedRoot, Mock.Identity, "https://token.actions.githubusercontent.com");

        Assert.AreEqual(1, code, output);
    }

    [TestMethod]
    public async Task SignEnvelope_CertificateFromAnotherCa_RefusedBySigstoreJsAndOurs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("app.bin", "x");
        // A second mock has its own Fulcio CA, CT log, Rekor and TSA keys: its certificates are foreign to the first root.
        using var other = SigstoreMock.Start();
        var signed = await Signer(other).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("app.bin", File.ReadAllBytes(artifact)));
        File.WriteAllBytes(dir.Combine("b.json"), signed.Bundle.ToJsonBytes());

        var (code, output) = VerifyWithSigstoreJs(dir.Combine("b.json"), artifact, Mock.TrustedRoot, Mock.Identity, Mock.Issuer);

        Assert.AreEqual(1, code, output);
    }

    [TestMethod]
    [DataRow("audit-path")]
    [DataRow("checkpoint-root")]
    [DataRow("leaf-index")]
    public async Task SignEnvelope_TamperedInclusionProof_RefusedBySigstoreJsAndOurs(string tamper)
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("app.bin", "x");
        var signed = await Signer(Mock).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("app.bin", File.ReadAllBytes(artifact)));
        var json = JsonNode.Parse(signed.Bundle.ToJsonBytes())!;
        var entry = json["verificationMaterial"]!["tlogEntries"]![0]!.AsObject();
        var proof = entry["inclusionProof"]!;
        // Without the SET, only the inclusion proof can vouch for the entry.
        entry.Remove("inclusionPromise");
        switch (tamper)
        {
            case "audit-path":
                proof["hashes"]!.AsArray().Add(Convert.ToBase64String(SHA256.HashData([1, 2, 3])));
                break;
            case "checkpoint-root":
                var note = (string)proof["checkpoint"]!["envelope"]!;
                var lines = note.Split('\n');
                var root = Convert.FromBase64String(lines[2]);
                root[0] ^= 0x01;
                lines[2] = Convert.ToBase64String(root);
                proof["checkpoint"]!["envelope"] = string.Join('\n', lines);
                break;
            default:
                proof["logIndex"] = "1";
                break;
        }

        File.WriteAllText(dir.Combine("b.json"), json.ToJsonString());

        var (code, output) = VerifyWithSigstoreJs(dir.Combine("b.json"), artifact, Mock.TrustedRoot, Mock.Identity, Mock.Issuer);

        Assert.AreEqual(1, code, output);
    }

    [TestMethod]
    public async Task SignEnvelope_ProofWithoutSet_StillVerifiesWithSigstoreJsAndOurs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("app.bin", "x");
        var signed = await Signer(Mock).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("app.bin", File.ReadAllBytes(artifact)));
        var json = JsonNode.Parse(signed.Bundle.ToJsonBytes())!;
        json["verificationMaterial"]!["tlogEntries"]![0]!.AsObject().Remove("inclusionPromise");
        File.WriteAllText(dir.Combine("b.json"), json.ToJsonString());

        var (code, output) = VerifyWithSigstoreJs(dir.Combine("b.json"), artifact, Mock.TrustedRoot, Mock.Identity, Mock.Issuer);

        Assert.AreEqual(0, code, output);
    }

    [TestMethod]
    public async Task SignEnvelope_ExpiredCertificateWithoutTimestampOrLog_RefusedByBoth()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("app.bin", "x");
        var signed = await Signer(Mock).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("app.bin", File.ReadAllBytes(artifact)));
        var json = JsonNode.Parse(signed.Bundle.ToJsonBytes())!;
        var material = json["verificationMaterial"]!.AsObject();
        material.Remove("timestampVerificationData");
        material["tlogEntries"] = new JsonArray();
        File.WriteAllText(dir.Combine("b.json"), json.ToJsonString());

        // Our verifier runs an hour later, when the ten-minute certificate has expired and nothing proves the signing time.
        var later = new FixedClock(DateTimeOffset.UtcNow.AddHours(1));
        var (code, output) = VerifyWithSigstoreJs(dir.Combine("b.json"), artifact, Mock.TrustedRoot, Mock.Identity, Mock.Issuer, later);

        Assert.AreEqual(1, code, output);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [TestMethod]
    public async Task SignEnvelope_NothingWritten_ContainsNoToken()
    {
        var signed = await Signer(Mock).SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, Statement("a", [2]));

        var everything = signed.Envelope.ToJson() + Encoding.UTF8.GetString(signed.Bundle.ToJsonBytes()) + signed.Identity;
        var token = Mock.Token;
        Assert.IsFalse(everything.Contains(token, StringComparison.Ordinal));
        Assert.IsFalse(everything.Contains(token.Split('.')[1], StringComparison.Ordinal), "the token's claims segment leaked");
    }

    [TestMethod]
    [DataRow("envelope.intoto.json", "envelope.sigstore.json")]
    [DataRow("build.attestation.json", "build.attestation.sigstore.json")]
    [DataRow("x.jsonl", "x.jsonl.sigstore.json")]
    public void BundlePathFor_EnvelopeName_SiblingBundleName(string envelope, string expected) =>
        Assert.AreEqual(expected, KeylessSigner.BundlePathFor(envelope));
}

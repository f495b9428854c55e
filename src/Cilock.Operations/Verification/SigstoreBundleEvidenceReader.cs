using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Evidence;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;

namespace Cilock.Operations.Verification;

/// <summary>
/// Reads <c>*.sigstore.json</c> evidence for <c>cilock verify</c>: the bundle is verified against the Sigstore trusted
/// root (log entries with SET or inclusion proof, RFC 3161 timestamps, Fulcio chain and SCT at the proved times,
/// signature) with any identity — the policy's functionaries and certificate constraints decide who may sign.
/// Managed-key bundles are verified with the policy's public keys.
/// </summary>
internal sealed class SigstoreBundleEvidenceReader : IBundleEvidenceReader
{
    private readonly Lazy<TrustedRoot> _root;
    private readonly IReadOnlyList<byte[]> _policyKeys;
    private readonly TimeProvider _time;

    /// <param name="trustedRoot">Loads the trusted root on first use (most verifications meet no bundle).</param>
    /// <param name="policyKeyPems">The policy's <c>publickeys</c> as PEM, for bundles signed with a managed key.</param>
    /// <param name="time">The verification clock.</param>
    public SigstoreBundleEvidenceReader(Func<TrustedRoot> trustedRoot, IEnumerable<string> policyKeyPems, TimeProvider time)
    {
        _root = new Lazy<TrustedRoot>(trustedRoot);
        _policyKeys = [.. policyKeyPems.Select(SubjectPublicKeyInfo).OfType<byte[]>()];
        _time = time;
    }

    /// <inheritdoc />
    public EvidenceEnvelope Read(string reference, byte[] utf8Json)
    {
        SigstoreBundle bundle;
        try
        {
            bundle = SigstoreBundle.Parse(utf8Json);
        }
        catch (CilockException e)
        {
            throw Rejected(e.Code, e.Message);
        }

        if (bundle.DsseEnvelope is not { } dsse || dsse.PayloadType != DsseEnvelope.InTotoPayloadType)
        {
            throw new CilockException(EvidenceDiagnostics.BundleNotEvidence, "the Sigstore bundle signs no in-toto statement (message signature or other payload type), so it is no evidence; skipped");
        }

        var root = _root.Value;
        var verifier = new SigstoreBundleVerifier(root, _time);
        var result = bundle.VerificationMaterial.PublicKey is null
            ? verifier.Verify(bundle, artifact: null, new SigstoreVerificationOptions { AcceptAnyIdentityUnsafe = true })
            : VerifyWithPolicyKeys(verifier, bundle);
        if (!result.IsVerified)
        {
            throw Rejected(result.Failure!.Code, result.Failure.Message);
        }

        var proof = new SigstoreProof(reference, BundleEnvelope.ToWitnessEnvelope(bundle, root), result.VerifiedTimes);
        return new EvidenceEnvelope(reference, result.Envelope!) { Sigstore = proof };
    }

    private SigstoreVerificationResult VerifyWithPolicyKeys(SigstoreBundleVerifier verifier, SigstoreBundle bundle)
    {
        SigstoreVerificationResult? last = null;
        foreach (var key in _policyKeys)
        {
            last = verifier.Verify(bundle, artifact: null, new SigstoreVerificationOptions { PublicKey = key });
            if (last.IsVerified)
            {
                return last;
            }
        }

        return last ?? new SigstoreVerificationResult
        {
            IsVerified = false,
            Failure = Diagnostic.Error(SigstoreDiagnostics.KeyMismatch, "the bundle is signed with a managed key and the policy lists no public key"),
        };
    }

    private static CilockException Rejected(string code, string message) =>
        new(EvidenceDiagnostics.BundleRejected, $"{code}: {message}");

    private static byte[]? SubjectPublicKeyInfo(string pem)
    {
        try
        {
            var fields = PemEncoding.Find(pem);
            return pem[fields.Label] == "PUBLIC KEY" ? Convert.FromBase64String(pem[fields.Base64Data]) : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The policy's <c>publickeys</c> values decoded to PEM text (base64 of PEM, as Go's <c>[]byte</c> fields hold).</summary>
    public static IEnumerable<string> PolicyKeyPems(IEnumerable<string?> base64Keys)
    {
        foreach (var key in base64Keys)
        {
            string? pem = null;
            try
            {
                pem = Encoding.UTF8.GetString(Convert.FromBase64String(key ?? ""));
            }
            catch (FormatException)
            {
                // The policy loader already refused bad keys; nothing to offer here.
            }

            if (pem is not null)
            {
                yield return pem;
            }
        }
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Bundles;

/// <summary>Structural rules of the bundle versions (protobuf-specs and sigstore-go's bundle validation).</summary>
internal static class BundleValidator
{
    public static void Validate(SigstoreBundle bundle)
    {
        if (!BundleMediaTypes.TryGetMinorVersion(bundle.MediaType, out var minor))
        {
            throw new CilockException(SigstoreDiagnostics.BundleMediaTypeUnknown, $"unsupported Sigstore bundle media type '{bundle.MediaType}'");
        }

        var material = bundle.VerificationMaterial ?? throw Incomplete("the bundle has no verificationMaterial");
        var sources = (material.PublicKey is null ? 0 : 1) + (material.X509CertificateChain is null ? 0 : 1) + (material.Certificate is null ? 0 : 1);
        if (sources != 1)
        {
            throw Incomplete("verificationMaterial must hold exactly one of publicKey, x509CertificateChain, certificate");
        }

        if (material.X509CertificateChain is { } chain)
        {
            if (minor >= 3)
            {
                throw Incomplete("a v0.3 bundle carries a single certificate, not x509CertificateChain");
            }

            if (chain.Certificates.Count == 0 || chain.Certificates.Any(c => c is null || c.RawBytes.Length == 0))
            {
                throw Incomplete("the bundle's certificate chain is empty");
            }
        }

        if (material.Certificate is { RawBytes.Length: 0 })
        {
            throw Incomplete("the bundle's certificate is empty");
        }

        if ((bundle.MessageSignature is null) == (bundle.DsseEnvelope is null))
        {
            throw Incomplete("the bundle must hold exactly one of messageSignature, dsseEnvelope");
        }

        if (bundle.MessageSignature is { Signature.Length: 0 })
        {
            throw Incomplete("the message signature is empty");
        }

        if (bundle.DsseEnvelope is { } envelope && (envelope.Signatures.Count != 1 || envelope.Signatures[0] is null || envelope.Signatures[0].Sig.Length == 0))
        {
            throw Incomplete("a bundle's DSSE envelope must have exactly one non-empty signature");
        }

        foreach (var entry in material.TlogEntries)
        {
            ValidateEntry(entry ?? throw Incomplete("a tlog entry is null"), minor);
        }

        foreach (var timestamp in material.TimestampVerificationData?.Rfc3161Timestamps ?? [])
        {
            if (timestamp is null || timestamp.SignedTimestamp.Length == 0)
            {
                throw Incomplete("an RFC 3161 timestamp is empty");
            }
        }
    }

    private static void ValidateEntry(TransparencyLogEntry entry, int minor)
    {
        if (entry.LogIndex < 0)
        {
            throw Incomplete($"tlog entry has a negative log index {entry.LogIndex}");
        }

        if (entry.LogId is null || entry.LogId.KeyId.Length == 0 || entry.KindVersion is null
            || entry.KindVersion.Kind.Length == 0 || entry.KindVersion.Version.Length == 0 || entry.CanonicalizedBody.Length == 0)
        {
            throw Incomplete("tlog entry lacks logId, kindVersion or canonicalizedBody");
        }

        if (entry.IntegratedTime < 0)
        {
            throw Incomplete("tlog entry has a negative integrated time");
        }

        // v0.1 relied on the SET; from v0.2 on the inclusion proof (with its checkpoint) is mandatory.
        if (minor == 1 && (entry.InclusionPromise is null || entry.InclusionPromise.SignedEntryTimestamp.Length == 0))
        {
            throw Incomplete("a v0.1 bundle's tlog entry must carry an inclusion promise (SET)");
        }

        if (minor >= 2 && entry.InclusionProof is null)
        {
            throw Incomplete($"a v0.{minor} bundle's tlog entry must carry an inclusion proof");
        }

        if (entry.InclusionProof is { } proof)
        {
            if (proof.LogIndex < 0 || proof.TreeSize <= proof.LogIndex || proof.RootHash.Length == 0)
            {
                throw Incomplete($"inclusion proof has an invalid index {proof.LogIndex} for tree size {proof.TreeSize}");
            }

            // v0.1 proofs may predate checkpoints (their SET carries the trust); from v0.2 on the checkpoint is required.
            if (minor >= 2 && (proof.Checkpoint is null || proof.Checkpoint.Envelope.Length == 0))
            {
                throw Incomplete("inclusion proof lacks its checkpoint");
            }
        }
    }

    private static CilockException Incomplete(string message) => new(SigstoreDiagnostics.BundleIncomplete, message);
}

using System.Security.Cryptography;
using Cilock.Attestation.Crypto;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Transparency;

namespace Cilock.Sigstore.Verification;

/// <summary>Transparency-log entries and RFC 3161 timestamps.</summary>
public sealed partial class SigstoreBundleVerifier
{
    /// <summary>Verifies every entry; returns the logs of entries without a SET, whose key validity is checked once the TSA times are known.</summary>
    private List<TrustedRoots.TransparencyLogInstance> VerifyTransparencyLog(IReadOnlyList<TransparencyLogEntry> entries, SignedMaterial signed, List<DateTimeOffset> times)
    {
        var untimed = new List<TrustedRoots.TransparencyLogInstance>();
        if (entries.Count == 0)
        {
            throw Fail(SigstoreDiagnostics.BundleIncomplete, "the bundle has no transparency log entry");
        }

        foreach (var entry in entries)
        {
            var log = _root.FindTlog(entry.LogId.KeyId)
                ?? throw Fail(SigstoreDiagnostics.TlogUnknown, $"the log entry names log {Convert.ToBase64String(entry.LogId.KeyId)}, which the trusted root does not know");
            if (RekorEntryBody.Mismatch(entry, signed) is { } mismatch)
            {
                throw Fail(SigstoreDiagnostics.TlogBodyMismatch, mismatch);
            }

            using var logKey = SigstorePublicKey.FromSpki(log.PublicKey.RawBytes);
            if (entry.InclusionPromise is not null)
            {
                if (!SignedEntryTimestamp.Verify(entry, logKey))
                {
                    throw Fail(SigstoreDiagnostics.SetInvalid, $"the signed entry timestamp of log entry {entry.LogIndex} does not verify with the key of {log.BaseUrl}");
                }

                // Only a SET authenticates the integrated time; without one the time is an unsigned claim.
                var integrated = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime);
                if (log.PublicKey.ValidFor is { } range && !range.Contains(integrated))
                {
                    throw Fail(SigstoreDiagnostics.TlogTimeInvalid, $"the integrated time {integrated:O} is outside the validity of the key of {log.BaseUrl}");
                }

                if (integrated > Now + ClockSkew)
                {
                    throw Fail(SigstoreDiagnostics.TlogTimeInvalid, $"the integrated time {integrated:O} is in the future");
                }

                times.Add(integrated);
            }
            else
            {
                untimed.Add(log);
            }

            if (entry.InclusionProof is { } proof)
            {
                VerifyInclusionProof(entry, proof, logKey);
            }
        }

        return untimed;
    }

    /// <summary>A log without SETs (Rekor v2) must have been valid at one of the verified (TSA) times, when there are any.</summary>
    private static void VerifyLogValidity(List<TrustedRoots.TransparencyLogInstance> logs, IReadOnlyList<DateTimeOffset> times)
    {
        foreach (var log in logs)
        {
            if (times.Count > 0 && log.PublicKey.ValidFor is { } range && !times.Any(range.Contains))
            {
                throw Fail(SigstoreDiagnostics.TlogTimeInvalid, $"the key of {log.BaseUrl} was not valid at any verified time");
            }
        }
    }

    private static void VerifyInclusionProof(TransparencyLogEntry entry, BundleInclusionProof proof, SigstorePublicKey logKey)
    {
        var leafHash = MerkleInclusionProof.HashLeaf(entry.CanonicalizedBody);
        if (!MerkleInclusionProof.Verify(proof.LogIndex, proof.TreeSize, leafHash, proof.Hashes, proof.RootHash))
        {
            throw Fail(SigstoreDiagnostics.InclusionProofInvalid, $"the inclusion proof of log entry {entry.LogIndex} does not lead to root {Convert.ToBase64String(proof.RootHash)}");
        }

        if (proof.Checkpoint is not { Envelope.Length: > 0 })
        {
            return; // v0.1 only (BundleValidator): the proof is consistent and the SET vouches for the entry.
        }

        var checkpoint = SignedCheckpoint.TryParse(proof.Checkpoint.Envelope, out var error)
            ?? throw Fail(SigstoreDiagnostics.CheckpointInvalid, error);
        if (checkpoint.TreeSize != proof.TreeSize || !CryptographicOperations.FixedTimeEquals(checkpoint.RootHash, proof.RootHash))
        {
            throw Fail(SigstoreDiagnostics.CheckpointInvalid, "the checkpoint's tree size or root hash differs from the inclusion proof's");
        }

        // A note signature is identified by its 4-byte key hint, which Sigstore logs derive from their log id. Other
        // lines (witness cosignatures) are ignored until trusted roots distribute witness keys.
        var hint = entry.LogId.KeyId.AsSpan(0, Math.Min(4, entry.LogId.KeyId.Length));
        foreach (var signature in checkpoint.Signatures)
        {
            if (signature.KeyHint.AsSpan().SequenceEqual(hint) && logKey.VerifyData(checkpoint.SignedText, signature.Signature))
            {
                return;
            }
        }

        throw Fail(SigstoreDiagnostics.CheckpointInvalid, $"the checkpoint of origin '{checkpoint.Origin}' carries no valid signature of the log");
    }

    private void VerifyTimestamps(IReadOnlyList<BundleRfc3161Timestamp> timestamps, byte[] signature, List<DateTimeOffset> times)
    {
        foreach (var timestamp in timestamps)
        {
            var token = TimestampResponse.ExtractToken(timestamp.SignedTimestamp, out var lastError)
                ?? throw Fail(SigstoreDiagnostics.TimestampInvalid, lastError);
            DateTimeOffset? verified = null;
            foreach (var authority in _root.TimestampAuthorities)
            {
                var chain = authority.CertChain.Certificates.Select(c => LoadCertificate(c.RawBytes)).ToList();
                TimestampVerificationResult result;
                try
                {
                    result = TimestampVerifier.Verify(token, signature, new TimestampAuthority(authority.Uri, chain[0], chain[1..]));
                }
                catch (CryptographicException e)
                {
                    // TimestampVerifier lets a corrupt certificate embedded in the CMS escape as an exception.
                    throw Fail(SigstoreDiagnostics.TimestampInvalid, $"the RFC 3161 timestamp is corrupt: {e.Message}");
                }

                if (!result.IsValid)
                {
                    lastError = result.Error;
                    continue;
                }

                if (authority.ValidFor is { } range && !range.Contains(result.GenTime))
                {
                    lastError = $"the timestamp's time {result.GenTime:O} is outside the validity of TSA {authority.Uri}";
                    continue;
                }

                verified = result.GenTime;
                break;
            }

            if (verified is not { } genTime)
            {
                throw Fail(SigstoreDiagnostics.TimestampInvalid, $"an RFC 3161 timestamp does not verify against the trusted timestamp authorities: {(_root.TimestampAuthorities.Count == 0 ? "the trusted root has none" : lastError)}");
            }

            if (genTime > Now + ClockSkew)
            {
                throw Fail(SigstoreDiagnostics.TimestampInvalid, $"the RFC 3161 timestamp {genTime:O} is in the future");
            }

            times.Add(genTime);
        }
    }
}

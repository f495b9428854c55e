using Cilock.Attestation.Dsse;
using Cilock.Policy.Evidence;

namespace Cilock.Policy.Verification;

/// <summary>
/// Evidence read from a Sigstore bundle: its log entries, timestamps and Fulcio chain were verified against the Sigstore
/// trusted root before it got here; the policy still decides who may sign (its roots, keys and certificate constraints).
/// </summary>
internal sealed partial class PolicyEnvelopeVerifier
{
    /// <summary>
    /// Verifies the envelope as usual and, when the evidence carries a Sigstore proof, the bundle's signature too: with
    /// the policy's TSAs when it lists any (their tokens are in the proof envelope), else at the times the bundle proved
    /// (SET-backed integrated times and TSA genTimes checked against the Sigstore trusted root).
    /// </summary>
    public EnvelopeVerification Verify(EvidenceEnvelope evidence)
    {
        var own = Verify(evidence.Envelope);
        if (evidence.Sigstore is not { } proof)
        {
            return own;
        }

        var bundle = VerifyProof(proof);
        if (!bundle.IsValid)
        {
            return own.IsValid ? own : new EnvelopeVerification([], $"{own.Failure}; with the Sigstore bundle's proof: {bundle.Failure}");
        }

        return new EnvelopeVerification([.. own.Signers.Concat(bundle.Signers).DistinctBy(s => (s.KeyId, s.Certificate?.Thumbprint))], null);
    }

    private EnvelopeVerification VerifyProof(SigstoreProof proof)
    {
        if (_dsse.TimestampAuthorities.Count > 0)
        {
            return Verify(proof.Envelope);
        }

        string? failure = null;
        foreach (var time in proof.VerifiedTimes.Order())
        {
            // The chain is checked at a time the bundle proved; the fallback switch here only feeds that time in.
            var result = DsseVerifier.Verify(proof.Envelope, _dsse with { WitnessTimeFallback = true, TimeProvider = new FixedTime(time) });
            var signers = result.Passed
                .Select(p => p.Certificate is { } c
                    ? new VerifiedSigner(p.KeyId, c.Leaf, c.Intermediates, time, TimeFromTimestamp: true)
                    : new VerifiedSigner(p.KeyId, null, [], null, false))
                .DistinctBy(s => (s.KeyId, s.Certificate?.Thumbprint))
                .ToList();
            if (result.IsValid && signers.Count > 0)
            {
                return new EnvelopeVerification(signers, null);
            }

            failure = result.Error;
        }

        return new EnvelopeVerification([], failure ?? "the Sigstore bundle proved no signing time");
    }

    private sealed class FixedTime(DateTimeOffset time) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => time;
    }
}

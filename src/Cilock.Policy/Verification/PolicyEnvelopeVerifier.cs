using Cilock.Attestation.Dsse;

namespace Cilock.Policy.Verification;

/// <summary>
/// Runs the DSSE loop (dsse-and-keys.md §6, threshold 1) with every key, root and TSA of the policy and reports the
/// verified signers with their certificates and trusted times.
/// </summary>
internal sealed partial class PolicyEnvelopeVerifier(PolicyTrust trust, PolicyVerificationOptions options) : IEnvelopeVerifier
{
    private readonly DsseVerificationOptions _dsse = new()
    {
        Verifiers = trust.Verifiers,
        Roots = [.. trust.Roots.Select(r => r.Anchor)],
        Intermediates = [.. trust.Roots.SelectMany(r => r.Intermediates)],
        TimestampAuthorities = trust.TimestampAuthorities,
        Threshold = 1,
        WitnessTimeFallback = options.WitnessTimeFallback,
        WitnessCompatAnyExtendedKeyUsage = options.CertConstraints == ConstraintSemantics.Witness,
        AcceptRsaPkcs1v15 = !options.RsaPkcs1v15KmsOnly,
        TimeProvider = options.Time,
    };

    public EnvelopeVerification Verify(DsseEnvelope envelope)
    {
        var result = VerifyFast(envelope) ?? DsseVerifier.Verify(envelope, _dsse);
        var signers = result.Passed
            .Select(p => p.Certificate is { } c
                ? new VerifiedSigner(p.KeyId, c.Leaf, c.Intermediates, c.TrustedTime, c.TimeFromTimestamp)
                : new VerifiedSigner(p.KeyId, null, [], null, false))
            .DistinctBy(s => (s.KeyId, s.Certificate?.Thumbprint))
            .ToList();
        return new EnvelopeVerification(result.IsValid ? signers : [], result.Error);
    }

    /// <summary>
    /// The keyid hint never selects a key (dsse-and-keys.md §6), but it can order the work: first try only the
    /// hinted key verifiers. When every signature of the envelope passes that way, no other key can verify the same
    /// signature, so the full loop would return the same signers; otherwise the full loop runs.
    /// </summary>
    private DsseVerificationResult? VerifyFast(DsseEnvelope envelope)
    {
        if (_dsse.Verifiers.Count <= 1)
        {
            return null;
        }

        var hints = envelope.Signatures.Select(s => s.KeyId).ToHashSet(StringComparer.Ordinal);
        var hinted = _dsse.Verifiers.Where(v => hints.Contains(v.KeyId)).ToList();
        if (hinted.Count == 0 || hinted.Count == _dsse.Verifiers.Count)
        {
            return null;
        }

        var result = DsseVerifier.Verify(envelope, _dsse with { Verifiers = hinted });
        var covered = result.Passed.Select(p => p.SignatureIndex).ToHashSet();
        return result.IsValid && covered.Count == envelope.Signatures.Count ? result : null;
    }
}

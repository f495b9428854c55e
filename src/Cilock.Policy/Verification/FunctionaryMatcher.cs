using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

/// <summary>Matches a verified signer against a functionary (spec policy.md §3.1).</summary>
internal static class FunctionaryMatcher
{
    /// <summary>Returns null on a match, else why this functionary does not accept the signer.</summary>
    public static string? Match(
        VerifiedSigner signer,
        Functionary functionary,
        IReadOnlyList<TrustedRoot> roots,
        PolicyVerificationOptions options,
        out string? note)
    {
        note = null;
        var constraint = functionary.CertConstraint;
        var cilock = options.CertConstraints == ConstraintSemantics.Cilock;
        var hardening = options.Hardening == PolicyHardening.Enforce;
        if (!string.IsNullOrEmpty(functionary.PublicKeyId) && string.Equals(functionary.PublicKeyId, signer.KeyId, StringComparison.Ordinal))
        {
            if (constraint is not { IsSet: true })
            {
                return null;
            }

            // cilock hardening: a functionary with both a keyid and a certificate constraint needs both satisfied.
            var why = signer.Certificate is null
                ? "the functionary also sets certConstraint but the signer is a plain key"
                : Check(constraint, signer, roots, options.CertConstraints, hardening, options.Time.GetUtcNow());
            if (why is null)
            {
                return null;
            }

            if (cilock && hardening)
            {
                return $"keyid {signer.KeyId} matches but {why}";
            }

            note = $"signer {signer.KeyId} accepted by publickeyid although {why} (certConstraint ignored: {(cilock ? "--policy-hardening=warn" : "Witness constraint semantics")})";
            return null;
        }

        if (signer.Certificate is null)
        {
            return string.IsNullOrEmpty(functionary.PublicKeyId)
                ? $"keyid {signer.KeyId} is a plain key but the functionary needs a certificate"
                : $"keyid {signer.KeyId} is not {functionary.PublicKeyId}";
        }

        if (constraint is null || constraint.Roots is not { Count: > 0 })
        {
            return string.IsNullOrEmpty(functionary.PublicKeyId)
                ? "the functionary has no certConstraint.roots"
                : $"keyid {signer.KeyId} is not {functionary.PublicKeyId}";
        }

        var reason = Check(constraint, signer, roots, options.CertConstraints, hardening, options.Time.GetUtcNow());
        if (reason is null && options.CertConstraints == ConstraintSemantics.Witness
            && Check(constraint, signer, roots, ConstraintSemantics.Cilock, hardening: true, options.Time.GetUtcNow()) is { } strict)
        {
            note = $"certificate signer accepted only under Witness constraint semantics (cilock: {strict})";
        }
        else if (reason is null && !hardening && Check(constraint, signer, roots, options.CertConstraints, hardening: true, options.Time.GetUtcNow()) is { } hardened)
        {
            note = $"certificate signer accepted only because of --policy-hardening=warn ({hardened})";
        }

        return reason;
    }

    private static string? Check(CertConstraint constraint, VerifiedSigner signer, IReadOnlyList<TrustedRoot> roots, ConstraintSemantics semantics, bool hardening, DateTimeOffset now) =>
        CertConstraintChecker.Check(
            constraint,
            signer.Certificate!,
            signer.Intermediates,
            signer.TrustedTime ?? now,
            roots,
            semantics,
            hardening);
}

using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Dsse;

/// <summary>The outcome of <see cref="DsseVerifier.Verify"/>.</summary>
public sealed class DsseVerificationResult
{
    internal DsseVerificationResult(
        int threshold,
        IReadOnlyList<DssePassedSignature> passed,
        IReadOnlyList<DsseSignatureFailure> failures,
        IReadOnlyList<VerifiedTimestamp> timestamps)
    {
        Threshold = threshold;
        Passed = passed;
        Failures = failures;
        VerifiedTimestamps = timestamps;
        PassedKeyIds = [.. passed.Select(p => p.KeyId).Distinct(StringComparer.Ordinal)];
        VerifiedCertificates = [.. passed.Select(p => p.Certificate).OfType<VerifiedCertificate>()];
    }

    /// <summary>Whether at least <see cref="Threshold"/> distinct keyids verified.</summary>
    public bool IsValid => PassedKeyIds.Count >= Threshold;

    /// <summary>The required number of distinct keyids.</summary>
    public int Threshold { get; }

    /// <summary>The distinct keyids that verified (cilock counts these against the threshold).</summary>
    public IReadOnlyList<string> PassedKeyIds { get; }

    /// <summary>Every successful (signature, verifier) pair.</summary>
    public IReadOnlyList<DssePassedSignature> Passed { get; }

    /// <summary>Why the other pairs failed.</summary>
    public IReadOnlyList<DsseSignatureFailure> Failures { get; }

    /// <summary>Certificate signatures that verified, with their leaf and trusted time.</summary>
    public IReadOnlyList<VerifiedCertificate> VerifiedCertificates { get; }

    /// <summary>Timestamps on verified signatures that verified against a configured authority.</summary>
    public IReadOnlyList<VerifiedTimestamp> VerifiedTimestamps { get; }

    /// <summary>A one-line summary of why verification failed, or <c>null</c> when valid.</summary>
    public string? Error => IsValid
        ? null
        : PassedKeyIds.Count == 0
            ? "no valid signatures for the provided verifiers" + (Failures.Count > 0 ? $" ({string.Join("; ", Failures.Take(5))}{(Failures.Count > 5 ? "; …" : "")})" : "")
            : $"only {PassedKeyIds.Count} distinct key(s) verified; the threshold is {Threshold}";

    /// <summary>A CIL1010 error diagnostic when invalid; <c>null</c> when valid.</summary>
    public Diagnostic? ToDiagnostic(string? file = null) =>
        IsValid ? null : Diagnostic.Error(CryptoDiagnostics.EnvelopeSignatureInvalid, Error!, file);

    /// <summary>Throws the CIL1010 error when invalid; does nothing when valid.</summary>
    /// <param name="what">What was verified (e.g. a file name), prefixed to the message.</param>
    /// <exception cref="CilockException">CIL1010 when fewer than <see cref="Threshold"/> distinct keyids verified.</exception>
    public void ThrowIfInvalid(string? what = null)
    {
        if (!IsValid)
        {
            throw new CilockException(CryptoDiagnostics.EnvelopeSignatureInvalid, what is null ? Error! : $"{what}: {Error}");
        }
    }
}

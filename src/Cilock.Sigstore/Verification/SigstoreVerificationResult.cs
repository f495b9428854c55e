using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;

namespace Cilock.Sigstore.Verification;

/// <summary>The outcome of <see cref="SigstoreBundleVerifier.Verify"/>.</summary>
public sealed record SigstoreVerificationResult
{
    /// <summary>Whether every check passed.</summary>
    public required bool IsVerified { get; init; }

    /// <summary>The first failed check (code CIL60xx and reason), or <c>null</c> when verified.</summary>
    public Diagnostic? Failure { get; init; }

    /// <summary>The verified signing certificate (certificate bundles).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The certificate identities (SANs) of the signer.</summary>
    public IReadOnlyList<string> Identities { get; init; } = [];

    /// <summary>The signer's OIDC issuer.</summary>
    public string? Issuer { get; init; }

    /// <summary>The verified signing times (SET-backed integrated times and RFC 3161 genTimes).</summary>
    public IReadOnlyList<DateTimeOffset> VerifiedTimes { get; init; } = [];

    /// <summary>The verified DSSE envelope, for DSSE bundles (its payload is the in-toto statement).</summary>
    public DsseEnvelope? Envelope { get; init; }

    /// <summary>Warnings raised on the way (e.g. CIL6055: a TUF cache was used offline).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    internal static SigstoreVerificationResult Failed(string code, string message) =>
        new() { IsVerified = false, Failure = Diagnostic.Error(code, message) };
}

using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Signing;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Loading;

/// <summary>How to check a policy file: who may have signed it and how strictly.</summary>
public sealed record PolicyLoadOptions
{
    /// <summary>Public keys that may have signed the policy (<c>--publickey</c>).</summary>
    public IReadOnlyList<IVerifier> PublicKeys { get; init; } = [];

    /// <summary>CA roots for certificate-signed policies (<c>--policy-ca</c>).</summary>
    public IReadOnlyList<X509Certificate2> CaRoots { get; init; } = [];

    /// <summary>CA intermediates (<c>--policy-ca-intermediates</c>).</summary>
    public IReadOnlyList<X509Certificate2> CaIntermediates { get; init; } = [];

    /// <summary>TSAs trusted for the policy signature (<c>--policy-timestamp-servers</c>).</summary>
    public IReadOnlyList<TimestampAuthority> TimestampAuthorities { get; init; } = [];

    /// <summary>Identity constraints for certificate signers of the policy.</summary>
    public PolicySignerIdentity SignerIdentity { get; init; } = new();

    /// <summary>Accept a bare (unsigned) policy, or read an envelope without verifying it. Weakens the check.</summary>
    public bool AllowUnsignedUnsafe { get; init; }

    /// <summary>Verification options (clock, hardening, compat switches) also applied to validation.</summary>
    public PolicyVerificationOptions Verification { get; init; } = new();
}

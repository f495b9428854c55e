using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Signing;

namespace Cilock.Attestation.Dsse;

/// <summary>What <see cref="DsseVerifier"/> trusts (spec dsse-and-keys.md §6). Defaults are cilock's (CL) rules.</summary>
public sealed record DsseVerificationOptions
{
    /// <summary>Public-key verifiers (policy <c>publickeys</c>, <c>--publickey</c>); each is tried on every signature.</summary>
    public IReadOnlyList<IVerifier> Verifiers { get; init; } = [];

    /// <summary>Trust anchors for certificate signatures (self-signed or not).</summary>
    public IReadOnlyList<X509Certificate2> Roots { get; init; } = [];

    /// <summary>Untrusted intermediates added to every signature's own <c>intermediates</c>.</summary>
    public IReadOnlyList<X509Certificate2> Intermediates { get; init; } = [];

    /// <summary>Trusted time-stamping authorities; their verified genTime is the instant certificate chains are checked at.</summary>
    public IReadOnlyList<TimestampAuthority> TimestampAuthorities { get; init; } = [];

    /// <summary>How many distinct keyids must verify (must be &gt; 0).</summary>
    public int Threshold { get; init; } = 1;

    /// <summary>
    /// Witness behaviour: with no timestamp authority configured, verify certificate chains at the current time
    /// instead of rejecting certificate signatures.
    /// </summary>
    public bool WitnessTimeFallback { get; init; }

    /// <summary>Witness behaviour: accept signing certificates whatever their extended key usage (CL requires code signing).</summary>
    public bool WitnessCompatAnyExtendedKeyUsage { get; init; }

    /// <summary>cilock behaviour: do not require the TSA certificate's EKU extension to be critical.</summary>
    public bool CompatNonCriticalTimestampEku { get; init; }

    /// <summary>Accept PKCS#1 v1.5 signatures from RSA certificate keys (default, as Witness does).</summary>
    public bool AcceptRsaPkcs1v15 { get; init; } = true;

    /// <summary>The clock for <see cref="WitnessTimeFallback"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

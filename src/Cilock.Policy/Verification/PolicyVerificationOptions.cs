using Cilock.Attestation.InToto;

namespace Cilock.Policy.Verification;

/// <summary>
/// Options of policy verification. Defaults are cilock's hardened semantics; every weakening switch is a
/// compatibility switch of spec policy.md §7, and a verdict that depends on one is reported with CIL3117.
/// </summary>
public sealed record PolicyVerificationOptions
{
    /// <summary><c>--digest-equality</c>: strict (default) or W10 lenient DigestSet equality for <c>artifactsFrom</c>.</summary>
    public DigestEquality DigestEquality { get; init; } = DigestEquality.Strict;

    /// <summary><c>--match-all-digest-algorithms</c>: Witness-compat search over every subject digest (sha1 included).</summary>
    public bool MatchAllDigestAlgorithms { get; init; }

    /// <summary><c>--witness-time-fallback</c>: verify certificate signatures at now when no TSA is configured.</summary>
    public bool WitnessTimeFallback { get; init; }

    /// <summary><c>--v03-leaves</c>.</summary>
    public V03LeafMode V03Leaves { get; init; } = V03LeafMode.Auto;

    /// <summary><c>--policy-hardening</c>.</summary>
    public PolicyHardening Hardening { get; init; } = PolicyHardening.Enforce;

    /// <summary><c>--compat-ignore-unknown-extension-keys</c>: drop unknown Fulcio extension keys like Go instead of failing.</summary>
    public bool IgnoreUnknownExtensionKeys { get; init; }

    /// <summary><c>--rego-missing-deny=pass</c>: a package without <c>deny</c> passes (Witness) instead of failing.</summary>
    public bool RegoMissingDenyPasses { get; init; }

    /// <summary><c>--rsa-pkcs1v15=kms-only</c>: refuse RSA PKCS#1 v1.5 signatures from file keys (cilock); default accepts them.</summary>
    public bool RsaPkcs1v15KmsOnly { get; init; }

    /// <summary>Tolerance for evidence and timestamps dated in the future (default 5 minutes); policy expiry has none, like the cilock CLI.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Certificate-constraint semantics: cilock (default) or Witness (<c>--cert-constraints=witness</c>).</summary>
    public ConstraintSemantics CertConstraints { get; init; } = ConstraintSemantics.Cilock;

    /// <summary>Backref search depth (default 3, as upstream).</summary>
    public int SearchDepth { get; init; } = 3;

    /// <summary>The clock (tests inject a fixed one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

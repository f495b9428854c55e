using Cilock.Policy.Loading;
using Cilock.Policy.Verification;

namespace Cilock.Operations.Verification;

/// <summary>Inputs of <c>cilock verify</c> and the <c>CilockVerify</c> MSBuild task.</summary>
/// <param name="PolicyPath">The signed policy (DSSE envelope).</param>
/// <param name="PolicyPublicKeys">PEM public keys (or certificates) the policy may be signed with.</param>
public sealed record VerifyOptions(string PolicyPath, IReadOnlyList<string> PolicyPublicKeys)
{
    /// <summary>CA root certificate files for certificate-signed policies (<c>--policy-ca</c>).</summary>
    public IReadOnlyList<string> PolicyCaRoots { get; init; } = [];

    /// <summary>CA intermediate certificate files (<c>--policy-ca-intermediates</c>).</summary>
    public IReadOnlyList<string> PolicyCaIntermediates { get; init; } = [];

    /// <summary>TSA certificate files trusted for the policy signature (<c>--policy-timestamp-servers</c>).</summary>
    public IReadOnlyList<string> PolicyTimestampAuthorities { get; init; } = [];

    /// <summary>Identity constraints for a certificate policy signer.</summary>
    public PolicySignerIdentity PolicySigner { get; init; } = new();

    /// <summary>The artifact to verify (<c>--artifactfile</c>); its sha256 is the subject.</summary>
    public string? ArtifactFile { get; init; }

    /// <summary>Subject digests (<c>--subject sha256:HEX</c>).</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    /// <summary>Evidence files and directories (<c>--attestations</c>).</summary>
    public IReadOnlyList<string> Attestations { get; init; } = [];

    /// <summary>Evidence bundles (<c>--bundle</c>, <c>.tar.gz</c>).</summary>
    public IReadOnlyList<string> Bundles { get; init; } = [];

    /// <summary>
    /// Sigstore trusted root (<c>trusted_root.json</c>) that bundle evidence (<c>*.sigstore.json</c>) is verified
    /// against (<c>--trusted-root</c>); the embedded public-good root when null.
    /// </summary>
    public string? SigstoreTrustedRoot { get; init; }

    /// <summary>Also search Archivista for evidence of the subjects (<c>--archivista</c>).</summary>
    public Cilock.Operations.Archivista.ArchivistaSettings? Archivista { get; init; }

    /// <summary>Where to write the verification summary (on pass and on fail).</summary>
    public string? VsaOutFile { get; init; }

    /// <summary>Private key that signs the VSA; without it the bare statement is written (as cilock does).</summary>
    public string? VsaSigningKey { get; init; }

    /// <summary>Environment variable holding the VSA key password.</summary>
    public string? VsaSigningKeyPasswordEnvironmentVariable { get; init; }

    /// <summary>Accept an unsigned policy. Weakens the check; never the default.</summary>
    public bool AllowUnsignedPolicyUnsafe { get; init; }

    /// <summary>Clock and compatibility switches.</summary>
    public PolicyVerificationOptions Verification { get; init; } = new();
}

using Cilock.Attestation.InToto;

namespace Cilock.Gate.Verification;

/// <summary>What a <see cref="IPackageVerifier"/> is asked to verify.</summary>
/// <param name="PackagePath">The private copy of the package (read-only for the verifier).</param>
/// <param name="Digest">The digest of that copy; the subject the evidence must bind.</param>
/// <param name="PackageId">Package id from the nuspec.</param>
/// <param name="PackageVersion">Normalized package version from the nuspec.</param>
/// <param name="EvidencePaths">Evidence to verify with: private copies of evidence files, plus any evidence directories as given.</param>
public sealed record PackageVerificationRequest(
    string PackagePath,
    DigestSet Digest,
    string PackageId,
    string PackageVersion,
    IReadOnlyList<string> EvidencePaths);

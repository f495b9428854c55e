namespace Cilock.Gate.Verification;

/// <summary>
/// Decides whether a package may be published. The gate calls it with the PRIVATE copy of the package (never the
/// caller's original path) and the digest computed from that copy, so the verdict is about the exact bytes pushed.
/// </summary>
public interface IPackageVerifier
{
    /// <summary>Verifies the package described by <paramref name="request"/>.</summary>
    /// <returns>A verdict; expected failures (policy expired, evidence missing…) are a failed verdict, not an exception.</returns>
    PackageVerdict Verify(PackageVerificationRequest request, CancellationToken cancellationToken);
}

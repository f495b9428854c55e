using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Verification;

namespace Cilock.Gate.Tests.Infrastructure;

/// <summary>
/// A verifier that passes exactly the sha256 digests it was told about (what a policy binding the package digest
/// does) and records every request, so tests can see which path and digest the gate asked about.
/// </summary>
internal sealed class RecordingVerifier(params string[] allowedSha256) : IPackageVerifier
{
    private readonly HashSet<string> _allowed = new(allowedSha256, StringComparer.Ordinal);

    internal List<PackageVerificationRequest> Requests { get; } = [];

    internal List<byte[]> BytesSeen { get; } = [];

    internal Func<PackageVerificationRequest, PackageVerdict>? Override { get; init; }

    public PackageVerdict Verify(PackageVerificationRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        BytesSeen.Add(File.ReadAllBytes(request.PackagePath));
        if (Override is not null)
        {
            return Override(request);
        }

        return _allowed.Contains(request.Digest.Sha256Hex!)
            ? PackageVerdict.Pass()
            : PackageVerdict.Fail(Diagnostic.Error("CIL3101", $"no collection binds subject sha256:{request.Digest.Sha256Hex}"));
    }
}

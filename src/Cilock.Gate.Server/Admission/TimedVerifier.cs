using System.Diagnostics;
using Cilock.Gate.Verification;

namespace Cilock.Gate.Server.Admission;

/// <summary>Measures how long the policy verification of one push takes (for the audit log), delegating the verdict.</summary>
internal sealed class TimedVerifier(IPackageVerifier inner) : IPackageVerifier
{
    internal TimeSpan? Elapsed { get; private set; }

    public PackageVerdict Verify(PackageVerificationRequest request, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return inner.Verify(request, cancellationToken);
        }
        finally
        {
            Elapsed = watch.Elapsed;
        }
    }
}

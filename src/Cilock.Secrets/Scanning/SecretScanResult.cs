using Cilock.Attestation.Diagnostics;
using Cilock.Secrets.Findings;

namespace Cilock.Secrets.Scanning;

/// <summary>Findings plus the warnings raised while scanning (timeouts, skipped files, unreadable archives).</summary>
/// <param name="Findings">The findings, in discovery order.</param>
/// <param name="Diagnostics">Warnings; never contain a secret.</param>
public sealed record SecretScanResult(IReadOnlyList<SecretFinding> Findings, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>No findings, no warnings.</summary>
    public static SecretScanResult Empty { get; } = new([], []);
}

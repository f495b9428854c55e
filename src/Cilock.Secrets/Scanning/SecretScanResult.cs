using Cilock.Attestation.Diagnostics;
using Cilock.Secrets.Findings;
using Cilock.Secrets.Redaction;

namespace Cilock.Secrets.Scanning;

/// <summary>Findings plus the warnings raised while scanning (timeouts, skipped files, unreadable archives).</summary>
/// <param name="Findings">The findings, in discovery order.</param>
/// <param name="Diagnostics">Warnings; never contain a secret.</param>
public sealed record SecretScanResult(IReadOnlyList<SecretFinding> Findings, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>No findings, no warnings.</summary>
    public static SecretScanResult Empty { get; } = new([], []);

    /// <summary>
    /// The raw text of each finding as it appears in the scanned input (the secret, or the outermost encoded run that
    /// hides it) with its marker. Kept in memory only, so evidence can be redacted before it is signed.
    /// </summary>
    internal IReadOnlyList<RedactionTarget> Redactions { get; init; } = [];
}

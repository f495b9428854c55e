using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Recording;

/// <summary>The outcome of <see cref="StepRecordingOperation.Execute"/>.</summary>
/// <param name="EnvelopePath">The signed envelope, or <c>null</c> when nothing was written (see <paramref name="Diagnostics"/>).</param>
/// <param name="Diagnostics">Errors (nothing written) and warnings (written, but something was left out).</param>
/// <param name="KeyCreated">Whether the per-user signing key was created by this call.</param>
public sealed record StepRecordingResult(string? EnvelopePath, IReadOnlyList<Diagnostic> Diagnostics, bool KeyCreated = false)
{
    /// <summary>Whether the envelope was written without errors.</summary>
    public bool Succeeded => EnvelopePath is not null && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
}

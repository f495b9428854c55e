using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Context;

/// <summary>The result of <see cref="AttestationContext.RunAsync"/>: what ran, in completion order, and what went wrong.</summary>
/// <param name="StepName">The step name.</param>
/// <param name="Dialect">The dialect the run was configured for.</param>
/// <param name="Attestors">Every attestor in completion order (phase order; completion order within a phase).</param>
/// <param name="Diagnostics">Attestor failures (errors) and notes such as skipped symlinks (warnings).</param>
public sealed record AttestationRun(
    string StepName,
    Dialect Dialect,
    IReadOnlyList<CompletedAttestor> Attestors,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether every attestor succeeded and no error diagnostic was reported.</summary>
    public bool Succeeded => Attestors.All(a => a.Succeeded) && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
}

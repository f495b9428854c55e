using Cilock.Attestation.Diagnostics;

namespace Cilock.Policy.Evidence;

/// <summary>Supplies candidate envelopes for verification (files, directories, a package sidecar, an archive…).</summary>
public interface IEvidenceSource
{
    /// <summary>
    /// Loads every envelope. Unreadable items are reported in <paramref name="diagnostics"/> and skipped (a step that
    /// needed them then fails with "no collections found"), so one stray file never hides the others.
    /// </summary>
    IReadOnlyList<EvidenceEnvelope> Load(ICollection<Diagnostic> diagnostics, CancellationToken cancellationToken = default);
}

using Cilock.Attestation.Diagnostics;

namespace Cilock.Policy.Evidence;

/// <summary>Envelopes already in memory (tests, package sidecars read by the gate).</summary>
public sealed class InMemoryEvidenceSource(IEnumerable<EvidenceEnvelope> envelopes) : IEvidenceSource
{
    private readonly IReadOnlyList<EvidenceEnvelope> _envelopes = [.. envelopes];

    /// <inheritdoc />
    public IReadOnlyList<EvidenceEnvelope> Load(ICollection<Diagnostic> diagnostics, CancellationToken cancellationToken = default) => _envelopes;
}

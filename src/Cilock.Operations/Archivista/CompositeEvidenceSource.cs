using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Evidence;

namespace Cilock.Operations.Archivista;

/// <summary>Several evidence sources read one after the other; an envelope seen twice (same payload and signatures) is kept once.</summary>
internal sealed class CompositeEvidenceSource(IReadOnlyList<IEvidenceSource> sources) : IEvidenceSource
{
    public IReadOnlyList<EvidenceEnvelope> Load(ICollection<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<EvidenceEnvelope>();
        foreach (var source in sources)
        {
            foreach (var item in source.Load(diagnostics, cancellationToken))
            {
                var key = item.PayloadSha256 + "|" + string.Join(",", item.Envelope.Signatures.Select(s => Convert.ToBase64String(s.Signature)));
                if (seen.Add(key))
                {
                    result.Add(item);
                }
            }
        }

        return result;
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Evidence;

namespace Cilock.Operations.Bundles;

/// <summary>Envelopes from an evidence bundle (<c>cilock verify --bundle</c>); a bad bundle fails the verification.</summary>
public sealed class BundleEvidenceSource : IEvidenceSource
{
    private readonly string _path;

    /// <summary>Creates a source over the bundle at <paramref name="path"/>.</summary>
    public BundleEvidenceSource(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = path;
    }

    /// <inheritdoc />
    /// <exception cref="CilockException">CIL1730/CIL1731 for a malformed or unreadable bundle.</exception>
    public IReadOnlyList<EvidenceEnvelope> Load(ICollection<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        var bundle = EvidenceBundle.Read(_path);
        return [.. bundle.Envelopes.Select((e, i) => new EvidenceEnvelope($"{_path}#{i + 1}", e))];
    }
}

using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors;

/// <summary>An attestor that contributes search-expansion edges (spec statement-and-collection.md §3).</summary>
public interface IBackReffer
{
    /// <summary>Backref keys (without the type prefix, e.g. <c>tree:materials</c>) mapped to digests.</summary>
    IReadOnlyDictionary<string, DigestSet> GetBackRefs(Dialect dialect);
}

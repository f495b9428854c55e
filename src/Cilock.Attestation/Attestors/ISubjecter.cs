using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors;

/// <summary>An attestor that names the artifacts a step is about (spec statement-and-collection.md §4).</summary>
public interface ISubjecter
{
    /// <summary>
    /// Subject keys (without the predicate type prefix, e.g. <c>commithash:4b82…</c> or <c>tree:products</c>) mapped
    /// to their digests, for <paramref name="dialect"/>. The collection builder prefixes each key with
    /// <c>&lt;predicate type&gt;/</c>.
    /// </summary>
    IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect);
}

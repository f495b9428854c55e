namespace Cilock.Operations.Archivista;

/// <summary>
/// One Archivista search (spec §4): envelopes with a subject digest in <see cref="SubjectDigests"/>; when
/// <see cref="CollectionName"/> is set also a collection of that name holding at least one of
/// <see cref="AttestationTypes"/>. Upstream Archivista indexes only Witness collections, so searches for cilock
/// evidence leave the collection filter off and filter locally.
/// </summary>
public sealed record ArchivistaSearch
{
    /// <summary>Bare digest values (the server ignores the algorithm).</summary>
    public required IReadOnlyList<string> SubjectDigests { get; init; }

    /// <summary>The step (collection) name, or <c>null</c> for a subject-only search.</summary>
    public string? CollectionName { get; init; }

    /// <summary>Attestation types of which at least one must be present (with <see cref="CollectionName"/>).</summary>
    public IReadOnlyList<string> AttestationTypes { get; init; } = [];

    /// <summary>Gitoids already fetched (left out of the answer).</summary>
    public IReadOnlyList<string> ExcludeGitoids { get; init; } = [];

    /// <summary>The bare lowercase digest value of a <c>[alg:]hex</c> subject (the server ignores the algorithm).</summary>
    public static string DigestValue(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject[(subject.LastIndexOf(':') + 1)..].Trim().ToLowerInvariant();
    }
}

using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Hashing;

/// <summary>What <see cref="FileTreeHasher"/> walks and how.</summary>
public sealed record FileTreeHashOptions
{
    /// <summary>The root folder; recorded paths are relative to it with forward slashes.</summary>
    public required string Root { get; init; }

    /// <summary>Digest algorithms computed in the single read pass.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = [DigestSet.Sha256];

    /// <summary>Go-style globs (see <see cref="Glob"/>) a relative path must match; empty = every file.</summary>
    public IReadOnlyList<string> IncludeGlobs { get; init; } = [];

    /// <summary>Go-style globs of relative paths to skip.</summary>
    public IReadOnlyList<string> ExcludeGlobs { get; init; } = [];

    /// <summary>
    /// Go-style globs of folders (relative path, no trailing slash) recorded as one <c>&lt;folder&gt;/</c> entry with a
    /// <c>dirHash</c> digest instead of file by file (Witness <c>--dirhash-glob</c>).
    /// </summary>
    public IReadOnlyList<string> DirHashGlobs { get; init; } = [];

    /// <summary>How many files are hashed at once; defaults to the processor count.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

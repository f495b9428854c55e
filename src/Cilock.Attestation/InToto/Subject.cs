namespace Cilock.Attestation.InToto;

/// <summary>
/// One statement subject. On the statement level the digest is a plain algorithm → value map (Go accepts any key
/// there, e.g. <c>sha512</c> in Statement v1 resource descriptors), so it is not a <see cref="DigestSet"/>.
/// </summary>
public sealed class Subject
{
    /// <summary>Creates a subject; digest keys are kept sorted (ordinal).</summary>
    public Subject(string name, IEnumerable<KeyValuePair<string, string>> digest)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(digest);
        Name = name;
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in digest)
        {
            sorted[k] = v;
        }

        Digest = sorted;
    }

    /// <summary>The subject name, e.g. <c>https://aflock.ai/attestations/product/v0.3/tree:products</c>.</summary>
    public string Name { get; }

    /// <summary>Algorithm → value, sorted by algorithm.</summary>
    public IReadOnlyDictionary<string, string> Digest { get; }

    /// <summary>
    /// The digest as a <see cref="DigestSet"/> restricted to the five Go names (other algorithms are left out),
    /// for equality checks against attestor digests.
    /// </summary>
    public DigestSet ToDigestSet() =>
        DigestSet.Create(Digest.Where(kv => DigestSet.IsKnownAlgorithm(kv.Key) && IsValid(kv.Key, kv.Value)));

    /// <inheritdoc />
    public override string ToString() => $"{Name} {{{string.Join(", ", Digest.Select(kv => kv.Key + ":" + kv.Value))}}}";

    private static bool IsValid(string algorithm, string value)
    {
        try
        {
            DigestSet.Create([new(algorithm, value)]);
            return true;
        }
        catch (Diagnostics.CilockException)
        {
            return false;
        }
    }
}

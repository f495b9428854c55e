namespace Cilock.Sigstore.Bundles;

/// <summary>A Rekor v1 signed entry timestamp (<c>InclusionPromise</c>).</summary>
public sealed class BundleInclusionPromise
{
    /// <summary>The log's signature over the canonical entry summary.</summary>
    public byte[] SignedEntryTimestamp { get; init; } = [];
}

namespace Cilock.Sigstore.Bundles;

/// <summary>One RFC 3161 timestamp (<c>RFC3161SignedTimestamp</c>).</summary>
public sealed class BundleRfc3161Timestamp
{
    /// <summary>The DER TimeStampToken (CMS ContentInfo).</summary>
    public byte[] SignedTimestamp { get; init; } = [];
}

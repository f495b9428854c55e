namespace Cilock.Sigstore.Bundles;

/// <summary>Timestamps over the bundle's signature (<c>TimestampVerificationData</c>).</summary>
public sealed class BundleTimestampVerificationData
{
    /// <summary>RFC 3161 timestamp tokens.</summary>
    public IReadOnlyList<BundleRfc3161Timestamp> Rfc3161Timestamps { get; init; } = [];
}

namespace Cilock.Sigstore.Bundles;

/// <summary>A log identifier (<c>LogId</c>).</summary>
public sealed class BundleLogId
{
    /// <summary>The key id bytes.</summary>
    public byte[] KeyId { get; init; } = [];
}

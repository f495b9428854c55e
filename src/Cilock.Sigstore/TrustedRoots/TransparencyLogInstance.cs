using Cilock.Sigstore.Bundles;

namespace Cilock.Sigstore.TrustedRoots;

/// <summary>A transparency or CT log of a trusted root (<c>TransparencyLogInstance</c>).</summary>
public sealed class TransparencyLogInstance
{
    /// <summary>The log's base URL.</summary>
    public string BaseUrl { get; init; } = "";

    /// <summary>The log's Merkle hash algorithm, e.g. <c>SHA2_256</c>.</summary>
    public string HashAlgorithm { get; init; } = "";

    /// <summary>The log's public key and its validity.</summary>
    public TrustedPublicKey PublicKey { get; init; } = new();

    /// <summary>The log id entries and SCTs refer to.</summary>
    public BundleLogId LogId { get; init; } = new();
}

namespace Cilock.Sigstore.Bundles;

/// <summary>A signature over a blob (<c>MessageSignature</c>).</summary>
public sealed class BundleMessageSignature
{
    /// <summary>The artifact digest; an unauthenticated hint that verification checks against the artifact.</summary>
    public BundleHashOutput? MessageDigest { get; init; }

    /// <summary>The signature over the artifact bytes.</summary>
    public byte[] Signature { get; init; } = [];
}

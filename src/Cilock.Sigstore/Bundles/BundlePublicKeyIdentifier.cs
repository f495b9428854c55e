namespace Cilock.Sigstore.Bundles;

/// <summary>A managed public key reference (<c>PublicKeyIdentifier</c>); the hint never selects a key by itself.</summary>
public sealed class BundlePublicKeyIdentifier
{
    /// <summary>An optional, unauthenticated hint naming the key.</summary>
    public string? Hint { get; init; }
}

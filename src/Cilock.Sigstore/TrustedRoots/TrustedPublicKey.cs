namespace Cilock.Sigstore.TrustedRoots;

/// <summary>A public key of a trusted root (<c>PublicKey</c>).</summary>
public sealed class TrustedPublicKey
{
    /// <summary>SubjectPublicKeyInfo DER.</summary>
    public byte[] RawBytes { get; init; } = [];

    /// <summary>The protobuf <c>PublicKeyDetails</c> name, e.g. <c>PKIX_ECDSA_P256_SHA_256</c> or <c>PKIX_ED25519</c>.</summary>
    public string KeyDetails { get; init; } = "";

    /// <summary>When the key may be used; <c>null</c> means always.</summary>
    public TimeRange? ValidFor { get; init; }
}

namespace Cilock.Sigstore.Bundles;

/// <summary>One DSSE signature (<c>io.intoto.Signature</c>).</summary>
public sealed class BundleDsseSignature
{
    /// <summary>The signature over the PAE.</summary>
    public byte[] Sig { get; init; } = [];

    /// <summary>The optional, unauthenticated key id hint.</summary>
    public string? Keyid { get; init; }
}

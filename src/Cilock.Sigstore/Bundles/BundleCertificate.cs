namespace Cilock.Sigstore.Bundles;

/// <summary>A DER X.509 certificate (<c>X509Certificate</c>).</summary>
public sealed class BundleCertificate
{
    /// <summary>The DER bytes.</summary>
    public byte[] RawBytes { get; init; } = [];
}

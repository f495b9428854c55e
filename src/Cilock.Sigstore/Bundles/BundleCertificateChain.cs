namespace Cilock.Sigstore.Bundles;

/// <summary>A certificate chain, leaf first (<c>X509CertificateChain</c>).</summary>
public sealed class BundleCertificateChain
{
    /// <summary>The certificates, leaf first.</summary>
    public IReadOnlyList<BundleCertificate> Certificates { get; init; } = [];
}

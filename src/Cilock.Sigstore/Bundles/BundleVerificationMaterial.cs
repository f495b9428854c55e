namespace Cilock.Sigstore.Bundles;

/// <summary>The bundle's <c>verificationMaterial</c>: exactly one key source plus log entries and timestamps.</summary>
public sealed class BundleVerificationMaterial
{
    /// <summary>A managed key referenced by hint (verified with a key the caller supplies).</summary>
    public BundlePublicKeyIdentifier? PublicKey { get; init; }

    /// <summary>The signing certificate chain, leaf first (bundles v0.1 and v0.2).</summary>
    public BundleCertificateChain? X509CertificateChain { get; init; }

    /// <summary>The signing leaf certificate alone (bundle v0.3).</summary>
    public BundleCertificate? Certificate { get; init; }

    /// <summary>Transparency log entries for the signature.</summary>
    public IReadOnlyList<TransparencyLogEntry> TlogEntries { get; init; } = [];

    /// <summary>RFC 3161 timestamps over the signature.</summary>
    public BundleTimestampVerificationData? TimestampVerificationData { get; init; }
}

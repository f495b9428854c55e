using Cilock.Sigstore.Bundles;

namespace Cilock.Sigstore.TrustedRoots;

/// <summary>A Fulcio CA or timestamp authority of a trusted root (<c>CertificateAuthority</c>).</summary>
public sealed class CertificateAuthority
{
    /// <summary>The authority's distinguished name parts.</summary>
    public DistinguishedName? Subject { get; init; }

    /// <summary>The authority's URI.</summary>
    public string Uri { get; init; } = "";

    /// <summary>The authority's chain, issuing certificate first, root last.</summary>
    public BundleCertificateChain CertChain { get; init; } = new();

    /// <summary>When certificates of this authority are trusted; <c>null</c> means always.</summary>
    public TimeRange? ValidFor { get; init; }
}

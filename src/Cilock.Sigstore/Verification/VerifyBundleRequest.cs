namespace Cilock.Sigstore.Verification;

/// <summary>
/// The inputs of <c>cilock verify-bundle</c> as the Sigstore conformance client protocol passes them: file paths and
/// identity strings (see <see cref="VerifyBundleOperation"/>).
/// </summary>
public sealed record VerifyBundleRequest
{
    /// <summary>The bundle file.</summary>
    public required string BundlePath { get; init; }

    /// <summary>The artifact: a file path or <c>sha256:HEX</c>.</summary>
    public required string Artifact { get; init; }

    /// <summary>A PEM public key file for keyed bundles.</summary>
    public string? KeyPath { get; init; }

    /// <summary>The exact expected certificate identity.</summary>
    public string? CertificateIdentity { get; init; }

    /// <summary>A regular expression for the certificate identity.</summary>
    public string? CertificateIdentityRegex { get; init; }

    /// <summary>The exact expected OIDC issuer.</summary>
    public string? CertificateOidcIssuer { get; init; }

    /// <summary>A regular expression for the OIDC issuer (instead of <see cref="CertificateOidcIssuer"/>).</summary>
    public string? CertificateOidcIssuerRegex { get; init; }

    /// <summary>A custom trusted root file; the embedded public-good root when <c>null</c> (and no TUF repository is given).</summary>
    public string? TrustedRootPath { get; init; }

    /// <summary>
    /// A TUF repository to fetch <c>trusted_root.json</c> from; needs <see cref="TufRootPath"/> except for the public-good
    /// repository, whose initial root is embedded (<see cref="Tuf.TufRoots"/>).
    /// </summary>
    public Uri? TufUrl { get; init; }

    /// <summary>The trusted initial <c>root.json</c> of the TUF repository.</summary>
    public string? TufRootPath { get; init; }

    /// <summary>The TUF cache folder; <c>$CILOCK_HOME/tuf/HOST</c> (or <c>~/.cilock/tuf/HOST</c>) when <c>null</c>.</summary>
    public string? TufCacheDirectory { get; init; }
}

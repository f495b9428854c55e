namespace Cilock.Sigstore.Verification;

/// <summary>
/// What a verified bundle must be signed by: a Fulcio identity (exact SAN or regular expression, plus the OIDC issuer)
/// for certificate bundles, or a managed public key for keyed bundles.
/// </summary>
public sealed record SigstoreVerificationOptions
{
    /// <summary>The exact certificate identity (a SAN: URI, email or username).</summary>
    public string? CertificateIdentity { get; init; }

    /// <summary>A .NET regular expression one SAN must match (unanchored, like Go's <c>MatchString</c>).</summary>
    public string? CertificateIdentityRegex { get; init; }

    /// <summary>The exact OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8, else .1).</summary>
    public string? CertificateOidcIssuer { get; init; }

    /// <summary>A .NET regular expression the OIDC issuer must match (unanchored, like cosign's <c>--certificate-oidc-issuer-regexp</c>).</summary>
    public string? CertificateOidcIssuerRegex { get; init; }

    /// <summary>The SubjectPublicKeyInfo DER of the managed key that must have signed a keyed bundle.</summary>
    public byte[]? PublicKey { get; init; }

    /// <summary>Accept any certificate identity and issuer (the chain, logs and timestamps are still checked).</summary>
    public bool AcceptAnyIdentityUnsafe { get; init; }
}

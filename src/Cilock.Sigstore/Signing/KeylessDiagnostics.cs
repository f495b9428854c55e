namespace Cilock.Sigstore.Signing;

/// <summary>
/// The diagnostic codes of keyless Sigstore signing (CIL6100–CIL6199; CIL6100–CIL6110 in use), documented in
/// <c>docs/diagnostics.md</c>. Messages name URLs and HTTP statuses, never identity tokens.
/// </summary>
public static class KeylessDiagnostics
{
    /// <summary>Keyless signing was requested but no OIDC identity token is available.</summary>
    public const string NoIdentityToken = "CIL6100";

    /// <summary>The identity token is not a readable JWT or lacks the claims Fulcio binds (sub / verified email).</summary>
    public const string IdentityTokenInvalid = "CIL6101";

    /// <summary>The CI platform's token endpoint (GitHub Actions, Azure Pipelines) did not issue a token.</summary>
    public const string IdentityTokenRequestFailed = "CIL6102";

    /// <summary>A Sigstore service stayed unreachable, timed out or kept answering 5xx/429 after all retries.</summary>
    public const string ServiceUnavailable = "CIL6103";

    /// <summary>A Sigstore service refused the request (HTTP 4xx other than 408/429).</summary>
    public const string ServiceRejected = "CIL6104";

    /// <summary>Fulcio answered with no usable certificate chain, or with a certificate for another key.</summary>
    public const string FulcioResponseInvalid = "CIL6105";

    /// <summary>Rekor answered with an entry that cannot be read or is not the entry that was proposed.</summary>
    public const string RekorResponseInvalid = "CIL6106";

    /// <summary>The time-stamping authority answered with anything but a granted token over the signature.</summary>
    public const string TimestampResponseInvalid = "CIL6107";

    /// <summary>A Sigstore URL is not https:// (plain http:// is allowed to loopback and private addresses only).</summary>
    public const string UrlRefused = "CIL6108";

    /// <summary>A keyless signing option has an unsupported value (signing mode, Rekor entry kind, URL syntax).</summary>
    public const string InvalidOptions = "CIL6109";

    /// <summary>Information: evidence was signed keyless; names the certificate identity and the bundle written.</summary>
    public const string KeylessSigned = "CIL6110";
}

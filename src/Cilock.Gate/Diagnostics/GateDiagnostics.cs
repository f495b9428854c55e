using Cilock.Attestation.Diagnostics;

namespace Cilock.Gate.Diagnostics;

/// <summary>
/// The CIL38xx codes of the verify-then-push gate (one catalog, documented in <c>docs/diagnostics.md</c>).
/// Messages never contain an API key or any other secret.
/// </summary>
public static class GateDiagnostics
{
    /// <summary>The package failed policy verification and was not pushed.</summary>
    public const string Refused = "CIL3801";

    /// <summary>The package file is missing, unreadable or not a valid nupkg.</summary>
    public const string PackageUnreadable = "CIL3802";

    /// <summary>The folder feed does not exist.</summary>
    public const string FolderFeedMissing = "CIL3803";

    /// <summary>The package id and version already exist in the feed (folder duplicate or HTTP 409).</summary>
    public const string AlreadyExists = "CIL3804";

    /// <summary>The feed rejected the credentials (HTTP 401/403).</summary>
    public const string Unauthorized = "CIL3805";

    /// <summary>The feed answered with a server error (HTTP 5xx) after NuGet's retries.</summary>
    public const string ServerError = "CIL3806";

    /// <summary>The push did not complete within the timeout.</summary>
    public const string Timeout = "CIL3807";

    /// <summary>The feed could not be reached (connection refused, DNS failure, TLS failure).</summary>
    public const string Unreachable = "CIL3808";

    /// <summary>An http:// feed was given without allowing insecure connections.</summary>
    public const string InsecureSource = "CIL3809";

    /// <summary>Any other push failure (unexpected HTTP status, NuGet logged an error, folder copy failed).</summary>
    public const string PushFailed = "CIL3810";

    /// <summary>A configured NuGet API key could not be read or decrypted.</summary>
    public const string ApiKeyUnavailable = "CIL3811";

    /// <summary>No evidence was found for the package (no sidecar and no --attestations).</summary>
    public const string EvidenceMissing = "CIL3812";

    /// <summary>The package that landed in the folder feed is not byte-identical to the verified copy.</summary>
    public const string PublishedCopyMismatch = "CIL3813";

    /// <summary>The source is neither an http(s) URL nor a folder.</summary>
    public const string InvalidSource = "CIL3814";

    /// <summary>MSBuild: <c>CilockRequirePolicy=true</c> but no <c>CilockPolicy</c> was set.</summary>
    public const string PolicyRequired = "CIL3815";

    /// <summary>The symbols package requested with --symbols is missing or does not belong to the package.</summary>
    public const string SymbolsUnavailable = "CIL3816";

    /// <summary>The verifier itself failed (policy unreadable, key unreadable…) so nothing was pushed.</summary>
    public const string VerificationError = "CIL3817";

    /// <summary>The package was pushed but its evidence sidecar could not be written beside it.</summary>
    public const string SidecarNotWritten = "CIL3818";

    /// <summary><c>cilock push --evidence-only</c>: the gate rejected the evidence body (not DSSE, or over its size limit).</summary>
    public const string EvidenceRejected = "CIL3819";

    /// <summary>Warning: a folder feed received the package without evidence beside it (the verifier did not say which envelopes passed).</summary>
    public const string SidecarUnknown = "CIL3820";

    internal static Diagnostic Error(string code, string message, string? file = null) => Diagnostic.Error(code, message, file);
}

namespace Cilock.Gate.Server.Diagnostics;

/// <summary>The CIL39xx codes of the admission gate (<c>cilock gate serve</c>), documented in <c>docs/diagnostics.md</c>.</summary>
public static class AdmissionDiagnostics
{
    /// <summary>The gate configuration is invalid (missing store, upstream, pusher or policy; bad hash).</summary>
    public const string ConfigurationInvalid = "CIL3901";

    /// <summary>The push carried no API key or one that matches no configured pusher (HTTP 403).</summary>
    public const string UnknownPusher = "CIL3902";

    /// <summary>The request body exceeds <c>MaxPackageBytes</c> (HTTP 413).</summary>
    public const string BodyTooLarge = "CIL3903";

    /// <summary>The body is not a multipart/form-data NuGet push or the package is not a valid nupkg (HTTP 400).</summary>
    public const string BadPackage = "CIL3904";

    /// <summary>Another push of the same id and version is in progress (HTTP 409).</summary>
    public const string PushInProgress = "CIL3905";

    /// <summary>The evidence store cannot be read (HTTP 503; nothing forwarded).</summary>
    public const string EvidenceStoreUnavailable = "CIL3906";

    /// <summary>No evidence in the store binds the package's sha256 (HTTP 403).</summary>
    public const string NoEvidence = "CIL3907";

    /// <summary>No configured policy rule matches the package id (HTTP 403).</summary>
    public const string NoPolicy = "CIL3908";

    /// <summary>The package failed policy verification (HTTP 403).</summary>
    public const string Denied = "CIL3909";

    /// <summary>The upstream feed failed or is unreachable, or the policy could not be loaded (HTTP 503).</summary>
    public const string UpstreamUnavailable = "CIL3910";

    /// <summary>An uploaded evidence body is not a DSSE envelope or JSON lines of envelopes (HTTP 400).</summary>
    public const string BadEvidence = "CIL3911";

    /// <summary>The audit log cannot be written; the decision is not acted upon (HTTP 503).</summary>
    public const string AuditUnavailable = "CIL3912";

    /// <summary>A symbols package was pushed before its package was admitted, or cannot be forwarded (HTTP 403/501).</summary>
    public const string SymbolsRefused = "CIL3913";
}

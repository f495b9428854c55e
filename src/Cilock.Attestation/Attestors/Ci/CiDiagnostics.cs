namespace Cilock.Attestation.Attestors.Ci;

/// <summary>
/// The diagnostic codes of the CI area: CI platform attestors, the Archivista client, evidence bundles, CI
/// annotations and the HTML report (CIL1700–CIL1799). Documented in <c>docs/diagnostics.md</c>; never reuse a code.
/// </summary>
public static class CiDiagnostics
{
    /// <summary>The CI platform's OIDC token could not be obtained; the attestation is recorded without claims.</summary>
    public const string TokenUnavailable = "CIL1700";

    /// <summary>The CI platform's OIDC token did not verify against the platform's JWKS; its claims are not recorded.</summary>
    public const string TokenUnverified = "CIL1701";

    /// <summary>An Archivista URL or header option is unusable.</summary>
    public const string ArchivistaOptionInvalid = "CIL1710";

    /// <summary>An Archivista request failed (unreachable, timeout, non-200 status) after the retries.</summary>
    public const string ArchivistaRequestFailed = "CIL1711";

    /// <summary>Archivista answered a GraphQL query with <c>errors</c> or with a malformed response.</summary>
    public const string ArchivistaResponseInvalid = "CIL1712";

    /// <summary>A downloaded envelope does not hash to the gitoid it was requested by (tampered or corrupted store).</summary>
    public const string ArchivistaGitoidMismatch = "CIL1713";

    /// <summary>The signed evidence of a step could not be uploaded to Archivista (SDK: warning unless CilockFailOnError).</summary>
    public const string ArchivistaUploadFailed = "CIL1714";

    /// <summary>An evidence bundle is malformed, unsafe (path traversal) or over a limit.</summary>
    public const string BundleInvalid = "CIL1730";

    /// <summary>A bundle cannot be created from the given inputs (no envelopes, unreadable file, unwritable output).</summary>
    public const string BundleInputInvalid = "CIL1731";

    /// <summary>The evidence report cannot be created from the given inputs.</summary>
    public const string ReportInputInvalid = "CIL1740";

    /// <summary>The CI job summary or annotation file could not be written (reported, never fatal).</summary>
    public const string CiOutputFailed = "CIL1750";
}

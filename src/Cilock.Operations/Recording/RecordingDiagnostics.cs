namespace Cilock.Operations.Recording;

/// <summary>
/// The CIL2xxx codes of the MSBuild SDK and the step-recording operation it calls. Documented in
/// <c>docs/diagnostics.md</c>; never reuse a code.
/// </summary>
public static class RecordingDiagnostics
{
    /// <summary>The signing key (<c>CilockSigningKey</c> or the per-user key) cannot be found, read or decrypted.</summary>
    public const string SigningKeyUnusable = "CIL2001";

    /// <summary>Evidence (envelope, sidecar, linked copy) cannot be written.</summary>
    public const string EvidenceNotWritable = "CIL2002";

    /// <summary><c>project.assets.json</c> cannot be read or is not a NuGet restore graph.</summary>
    public const string AssetsFileInvalid = Cilock.Attestation.Attestors.DotNet.ProjectAssetsReader.InvalidAssetsFile;

    /// <summary>An attestor failed while recording a step; no envelope was written.</summary>
    public const string StepFailed = "CIL2004";

    /// <summary>An SDK property has a value that cannot be used (dialect, attestor list, step name).</summary>
    public const string InvalidProperty = "CIL2005";

    /// <summary>A test run produced no TRX report, so the test evidence names no results.</summary>
    public const string NoTestReport = "CIL2006";

    /// <summary>The package sidecar cannot be assembled (pack envelope missing, an envelope unreadable).</summary>
    public const string SidecarFailed = "CIL2007";

    /// <summary>A file the pack step packed differs from the build output copy it was copied to (changed after the build).</summary>
    public const string PackedCopyDiffers = "CIL2008";

    /// <summary>An unexpected internal error in an SDK task (a bug; please report it).</summary>
    public const string InternalError = "CIL2099";
}

namespace Cilock.Operations.Signing;

/// <summary>
/// Codes of <c>cilock sign</c> and <c>cilock sign-bundle</c> (CIL6120–CIL6129, documented in <c>docs/diagnostics.md</c>,
/// section "Signing files and blobs").
/// </summary>
public static class SigningDiagnostics
{
    /// <summary>The signing config cannot be read or is not a Sigstore signing config (v0.1/v0.2 JSON).</summary>
    public const string SigningConfigInvalid = "CIL6120";

    /// <summary>The signing config is valid but asks for something this client cannot honour.</summary>
    public const string SigningConfigUnsupported = "CIL6121";

    /// <summary>The file to sign cannot be read.</summary>
    public const string InputUnreadable = "CIL6122";

    /// <summary>The command line is incomplete or contradictory (no key and no keyless, both, <c>--staging</c> alone).</summary>
    public const string UsageInvalid = "CIL6123";

    /// <summary><c>sign-bundle --in-toto</c> was given a file that is not an in-toto statement.</summary>
    public const string NotAStatement = "CIL6124";
}

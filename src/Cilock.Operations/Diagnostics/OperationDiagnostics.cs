namespace Cilock.Operations.Diagnostics;

/// <summary>
/// The diagnostic codes of the core operations (run, keygen, inspect, verify-signature), documented in
/// <c>docs/diagnostics.md</c>. This area owns CIL1500–CIL1599; never reuse a code.
/// </summary>
public static class OperationDiagnostics
{
    /// <summary><c>run</c> was given no command to wrap.</summary>
    public const string NoCommand = "CIL1500";

    /// <summary>A step name is empty or unusable.</summary>
    public const string InvalidStepName = "CIL1501";

    /// <summary>One or more attestors failed, so the evidence would be incomplete; nothing was written.</summary>
    public const string AttestorsFailed = "CIL1502";

    /// <summary>An output path is unusable (a directory, or the same file as another output).</summary>
    public const string InvalidOutputPath = "CIL1503";

    /// <summary><c>keygen</c> would overwrite an existing key file.</summary>
    public const string KeyFileExists = "CIL1510";

    /// <summary>An input file does not exist or cannot be read.</summary>
    public const string InputFileUnreadable = "CIL1520";

    /// <summary>An input path names a directory where a file is expected.</summary>
    public const string InputIsDirectory = "CIL1521";

    /// <summary>A file is neither a DSSE envelope, a <c>.intoto.jsonl</c> file nor an in-toto statement.</summary>
    public const string UnrecognizedEvidence = "CIL1522";

    /// <summary><c>verify-signature</c> was given no public key.</summary>
    public const string NoPublicKey = "CIL1530";

    /// <summary>An input file is larger than the size cilock reads into memory.</summary>
    public const string InputTooLarge = "CIL1523";
}

namespace Cilock.Attestation.Context;

/// <summary>
/// The diagnostic codes of the evidence area (statements, collections, attestors, hashing). Documented in
/// <c>docs/diagnostics.md</c>; never reuse a code.
/// </summary>
public static class EvidenceDiagnostics
{
    /// <summary>A digest set with an unknown algorithm or a malformed value.</summary>
    public const string InvalidDigest = "CIL1030";

    /// <summary>An attestation context option cannot be used (unknown hash, missing folder, duplicate attestor).</summary>
    public const string InvalidOptions = "CIL1031";

    /// <summary>A statement payload is not valid JSON or lacks a required member.</summary>
    public const string InvalidStatement = "CIL1032";

    /// <summary>An attestation collection predicate is malformed (bad entry, bad time, bad digest).</summary>
    public const string InvalidCollection = "CIL1033";

    /// <summary>A typed attestation (material, product, command-run, git, environment) does not have the expected shape.</summary>
    public const string InvalidAttestation = "CIL1034";

    /// <summary>A v0.3 Merkle tree does not verify (root mismatch, bad leaf, duplicate path, size).</summary>
    public const string MerkleMismatch = "CIL1035";

    /// <summary>An unknown attestor name in an <c>--attestations</c> list.</summary>
    public const string UnknownAttestor = "CIL1036";

    /// <summary>The wrapped command's executable was not found.</summary>
    public const string CommandNotFound = "CIL1040";

    /// <summary>An attestor failed with an unexpected error.</summary>
    public const string AttestorFailed = "CIL1041";

    /// <summary>A file could not be read or hashed.</summary>
    public const string FileUnreadable = "CIL1042";

    /// <summary>A symbolic link pointing outside the working directory was skipped.</summary>
    public const string SymlinkEscapes = "CIL1043";

    /// <summary>The git repository could not be read.</summary>
    public const string GitUnreadable = "CIL1044";

    /// <summary>An attestor has no representation the witness profile can load and was left out.</summary>
    public const string DroppedForWitness = "CIL1045";

    /// <summary>An explicit material/product file list names a file that does not exist.</summary>
    public const string ListedFileMissing = "CIL1046";
}

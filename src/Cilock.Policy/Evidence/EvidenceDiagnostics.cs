namespace Cilock.Policy.Evidence;

/// <summary>
/// The diagnostic codes of evidence loading: Sigstore bundles read as evidence and damaged evidence files
/// (CIL6060–CIL6079, documented in <c>docs/diagnostics.md</c>, section "Bundles as evidence").
/// </summary>
public static class EvidenceDiagnostics
{
    /// <summary>A Sigstore bundle in the evidence failed verification (log proof, timestamp, chain, signature…) and is not used.</summary>
    public const string BundleRejected = "CIL6060";

    /// <summary>A Sigstore bundle does not carry a DSSE in-toto statement (e.g. a message signature), so it is no evidence.</summary>
    public const string BundleNotEvidence = "CIL6061";

    /// <summary>A Sigstore bundle was found where no bundle verifier is configured (warning; the bundle is skipped).</summary>
    public const string BundleUnsupported = "CIL6062";

    /// <summary>An envelope is withdrawn because a bundle with the same payload was rejected.</summary>
    public const string EvidenceWithdrawn = "CIL6063";

    /// <summary>A file in an evidence directory is damaged JSON (or not UTF-8) and was skipped (warning naming the file).</summary>
    public const string EvidenceFileDamaged = "CIL6064";

    /// <summary>The policy denied while evidence files were skipped: the skipped files may be the missing evidence.</summary>
    public const string EvidenceSkippedOnDeny = "CIL6065";

    /// <summary>The Sigstore trusted root for bundle evidence cannot be loaded.</summary>
    public const string BundleTrustedRootInvalid = "CIL6066";
}

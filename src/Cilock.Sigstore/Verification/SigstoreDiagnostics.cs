namespace Cilock.Sigstore.Verification;

/// <summary>
/// The diagnostic codes of Sigstore bundle parsing, trusted roots, TUF and bundle verification (CIL6000–CIL6099,
/// documented in <c>docs/diagnostics.md</c>, section "Sigstore verification"). Signing owns CIL6100–CIL6199.
/// </summary>
public static class SigstoreDiagnostics
{
    /// <summary>A bundle, trusted root, key or artifact file cannot be read.</summary>
    public const string FileUnreadable = "CIL6000";

    /// <summary>The bundle is not JSON of the bundle shape, or holds invalid base64.</summary>
    public const string BundleMalformed = "CIL6001";

    /// <summary>The bundle's media type is not a known Sigstore bundle version.</summary>
    public const string BundleMediaTypeUnknown = "CIL6002";

    /// <summary>The bundle lacks a required member or combines members its version forbids.</summary>
    public const string BundleIncomplete = "CIL6003";

    /// <summary>The trusted root is malformed or unusable.</summary>
    public const string TrustedRootMalformed = "CIL6004";

    /// <summary>The artifact argument is neither a readable file nor <c>sha256:HEX</c>.</summary>
    public const string ArtifactInvalid = "CIL6005";

    /// <summary>The command line is incomplete or contradictory.</summary>
    public const string UsageInvalid = "CIL6006";

    /// <summary>The bundle's signature does not verify with the signing key.</summary>
    public const string SignatureInvalid = "CIL6010";

    /// <summary>The artifact is not what the bundle signs (message digest or in-toto subject mismatch).</summary>
    public const string ArtifactMismatch = "CIL6011";

    /// <summary>A keyed bundle without <c>--key</c>, or a key given for a certificate bundle.</summary>
    public const string KeyMismatch = "CIL6012";

    /// <summary>The signing certificate does not chain to a Fulcio CA of the trusted root at the verified time.</summary>
    public const string CertificateChainInvalid = "CIL6020";

    /// <summary>The bundle's certificate chain contains a self-signed root.</summary>
    public const string CertificateChainHasRoot = "CIL6021";

    /// <summary>No signed certificate timestamp verifies against a CT log of the trusted root.</summary>
    public const string SctInvalid = "CIL6022";

    /// <summary>The certificate's subject alternative name is not the expected identity.</summary>
    public const string IdentityMismatch = "CIL6023";

    /// <summary>The certificate's OIDC issuer is not the expected issuer.</summary>
    public const string IssuerMismatch = "CIL6024";

    /// <summary>A log entry's body does not match the bundle's signature, key or digest.</summary>
    public const string TlogBodyMismatch = "CIL6030";

    /// <summary>A log entry names a log the trusted root does not know.</summary>
    public const string TlogUnknown = "CIL6031";

    /// <summary>A Merkle inclusion proof does not lead to the claimed root.</summary>
    public const string InclusionProofInvalid = "CIL6032";

    /// <summary>A checkpoint is malformed, unsigned by the log, or disagrees with the proof.</summary>
    public const string CheckpointInvalid = "CIL6033";

    /// <summary>A signed entry timestamp does not verify.</summary>
    public const string SetInvalid = "CIL6034";

    /// <summary>A log's integrated time is outside the log key's or the certificate's validity.</summary>
    public const string TlogTimeInvalid = "CIL6035";

    /// <summary>An RFC 3161 timestamp does not verify against the trusted root's timestamp authorities.</summary>
    public const string TimestampInvalid = "CIL6040";

    /// <summary>The bundle has no verified time (no SET-backed integrated time and no valid timestamp).</summary>
    public const string NoVerifiedTime = "CIL6041";

    /// <summary>TUF metadata is malformed, of the wrong type, or has an unsupported spec version.</summary>
    public const string TufMetadataInvalid = "CIL6050";

    /// <summary>TUF metadata lacks the threshold of valid signatures.</summary>
    public const string TufThresholdNotMet = "CIL6051";

    /// <summary>TUF metadata has expired.</summary>
    public const string TufExpired = "CIL6052";

    /// <summary>TUF metadata would roll back a version already trusted.</summary>
    public const string TufRollback = "CIL6053";

    /// <summary>TUF metadata or a target disagrees with the hashes or length that vouch for it.</summary>
    public const string TufHashMismatch = "CIL6054";

    /// <summary>The TUF repository cannot be reached; a verified cache may be used instead (warning).</summary>
    public const string TufOffline = "CIL6055";

    /// <summary>The TUF repository does not list the requested target.</summary>
    public const string TufTargetMissing = "CIL6056";

    /// <summary>
    /// Warning: the public-good TUF repository is unreachable and no verified cache exists, so the trusted root embedded
    /// in cilock is used (bundle evidence and TUF share CIL6060–CIL6079 with <c>Cilock.Policy.Evidence.EvidenceDiagnostics</c>).
    /// </summary>
    public const string TufEmbeddedRootUsed = "CIL6067";
}

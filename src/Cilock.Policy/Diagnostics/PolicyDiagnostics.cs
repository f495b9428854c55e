namespace Cilock.Policy.Diagnostics;

/// <summary>
/// The catalog of policy diagnostic codes (CIL30xx loading and signature, CIL31xx steps and functionaries,
/// CIL32xx Rego). Every code is documented in <c>docs/diagnostics.md</c>; codes are never reused.
/// </summary>
public static class PolicyDiagnostics
{
    /// <summary>The policy file cannot be read.</summary>
    public const string PolicyUnreadable = "CIL3001";

    /// <summary>The policy (or its envelope) is not valid JSON or does not fit the schema.</summary>
    public const string PolicyMalformed = "CIL3002";

    /// <summary>No signature of the policy envelope verifies with the supplied keys or CA roots.</summary>
    public const string PolicySignatureInvalid = "CIL3003";

    /// <summary>The policy's <c>expires</c> is absent or in the past.</summary>
    public const string PolicyExpired = "CIL3004";

    /// <summary>An unsigned policy was given without the explicit unsigned option.</summary>
    public const string PolicyUnsigned = "CIL3005";

    /// <summary>A policy public key is malformed or its keyid does not match the key.</summary>
    public const string PolicyKeyInvalid = "CIL3006";

    /// <summary>The policy is structurally invalid (step name vs key, references, cycles, timestamp constraint).</summary>
    public const string PolicyInvalid = "CIL3007";

    /// <summary>A certificate constraint uses an unknown Fulcio extension key.</summary>
    public const string UnknownExtensionKey = "CIL3008";

    /// <summary>The policy has neither steps nor external attestations.</summary>
    public const string PolicyEmpty = "CIL3009";

    /// <summary>A policy root, intermediate or TSA certificate cannot be decoded.</summary>
    public const string PolicyCertificateInvalid = "CIL3010";

    /// <summary>A certificate policy signer was accepted without any identity constraint.</summary>
    public const string PolicySignerUnpinned = "CIL3011";

    /// <summary>No verification input (key or CA) was supplied for the policy signature.</summary>
    public const string PolicyTrustMissing = "CIL3012";

    /// <summary>No collection for the step matched the subjects.</summary>
    public const string NoCollections = "CIL3101";

    /// <summary>A candidate's envelope signature did not verify with any trusted key or root.</summary>
    public const string EnvelopeSignatureInvalid = "CIL3102";

    /// <summary>The candidate was signed, but by no functionary of the step.</summary>
    public const string NotAFunctionary = "CIL3103";

    /// <summary>A required attestation type is missing from the candidate.</summary>
    public const string MissingAttestation = "CIL3104";

    /// <summary>The candidate is not a collection of this step (predicate type or name).</summary>
    public const string NotStepCollection = "CIL3105";

    /// <summary>The candidate's materials disagree with the upstream step's artifacts.</summary>
    public const string ArtifactMismatch = "CIL3106";

    /// <summary>An <c>artifactsFrom</c> step has no passed collections.</summary>
    public const string UpstreamMissing = "CIL3107";

    /// <summary>Inline v0.3 Merkle leaves do not rebuild the recorded root.</summary>
    public const string MerkleMismatch = "CIL3108";

    /// <summary>The step's timestamp constraint is not satisfied.</summary>
    public const string TimestampConstraintFailed = "CIL3109";

    /// <summary>The evidence is dated in the future beyond the allowed clock skew.</summary>
    public const string EvidenceFromFuture = "CIL3110";

    /// <summary>The step declares no required attestations.</summary>
    public const string StepWithoutAttestations = "CIL3112";

    /// <summary>The candidate shares no material path with the upstream step, or has no materials.</summary>
    public const string NoArtifactOverlap = "CIL3113";

    /// <summary>An evidence file could not be read or parsed.</summary>
    public const string EvidenceUnreadable = "CIL3114";

    /// <summary>A required external attestation has no passing candidate.</summary>
    public const string ExternalFailed = "CIL3115";

    /// <summary>The collection holds an attestation type unknown to the verifier (kept raw, not fatal).</summary>
    public const string UnknownAttestationType = "CIL3116";

    /// <summary>A verdict depends on a compatibility switch.</summary>
    public const string CompatSwitchUsed = "CIL3117";

    /// <summary>The verification inputs (subjects, artifact) are invalid.</summary>
    public const string VerifyInputInvalid = "CIL3118";

    /// <summary>A Rego policy denied the attestation.</summary>
    public const string RegoDeny = "CIL3201";

    /// <summary>A Rego module does not parse or compile.</summary>
    public const string RegoCompileError = "CIL3202";

    /// <summary>Two Rego modules of one attestation declare the same package.</summary>
    public const string RegoDuplicatePackage = "CIL3203";

    /// <summary>Rego evaluation failed (error, invalid result, timeout, undefined <c>deny</c>).</summary>
    public const string RegoEvaluationError = "CIL3204";

    /// <summary>The step declares AI policies, which this verifier cannot evaluate (fail closed).</summary>
    public const string AiPolicyUnsupported = "CIL3205";

    /// <summary>Every code of this catalog, for documentation checks.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PolicyUnreadable, PolicyMalformed, PolicySignatureInvalid, PolicyExpired, PolicyUnsigned, PolicyKeyInvalid,
        PolicyInvalid, UnknownExtensionKey, PolicyEmpty, PolicyCertificateInvalid, PolicySignerUnpinned,
        PolicyTrustMissing, NoCollections, EnvelopeSignatureInvalid, NotAFunctionary, MissingAttestation,
        NotStepCollection, ArtifactMismatch, UpstreamMissing, MerkleMismatch, TimestampConstraintFailed,
        EvidenceFromFuture, StepWithoutAttestations, NoArtifactOverlap, EvidenceUnreadable, ExternalFailed,
        UnknownAttestationType, CompatSwitchUsed, VerifyInputInvalid, RegoDeny, RegoCompileError,
        RegoDuplicatePackage, RegoEvaluationError, AiPolicyUnsupported,
    ];
}

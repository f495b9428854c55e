using Cilock.Attestation.Diagnostics;

namespace Cilock.Policy.Verification;

/// <summary>The verdict of verifying evidence against a policy, with every reason (spec policy.md §6).</summary>
public sealed class PolicyVerificationResult
{
    /// <summary>Whether the policy passed.</summary>
    public required bool Passed { get; init; }

    /// <summary>Per-step verdicts in evaluation order.</summary>
    public required IReadOnlyList<StepVerdict> Steps { get; init; }

    /// <summary>Per-external verdicts (cilock <c>externalAttestations</c>).</summary>
    public IReadOnlyList<StepVerdict> Externals { get; init; } = [];

    /// <summary>
    /// Everything worth telling the user: errors explaining a failure, warnings for skipped evidence, and CIL3117
    /// notes when the verdict depends on a compatibility switch.
    /// </summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>sha256 hex of the policy payload bytes.</summary>
    public required string PolicyDigest { get; init; }

    /// <summary>The step whose passed collection bound the supplied artifact/subject digest.</summary>
    public string? MatchedStep { get; init; }

    /// <summary>The digest that matched.</summary>
    public string? MatchedSubject { get; init; }

    /// <summary>The subject name (or Merkle leaf path) the digest matched.</summary>
    public string? ObservedSubjectName { get; init; }

    /// <summary>Every envelope that was a candidate for a step or external.</summary>
    public IReadOnlyList<InputAttestation> InputAttestations { get; init; } = [];

    /// <summary>Texts of every rejection of the failed steps (the JSON verdict's <c>reasons[]</c>).</summary>
    public IReadOnlyList<string> Reasons =>
        [.. Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Code}: {d.Message}")];
}

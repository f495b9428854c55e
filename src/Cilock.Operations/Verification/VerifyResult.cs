using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Verification;

namespace Cilock.Operations.Verification;

/// <summary>The outcome of <see cref="VerifyOperation"/>.</summary>
/// <param name="ExitCode">0 passed, 1 the policy is not satisfied (or cannot be trusted), 2 usage or input error.</param>
/// <param name="Diagnostics">Every message for the user (errors explain a failure).</param>
/// <param name="Verification">The detailed verdict, when verification ran.</param>
/// <param name="VsaPath">The summary file written, if any.</param>
public sealed record VerifyResult(int ExitCode, IReadOnlyList<Diagnostic> Diagnostics, PolicyVerificationResult? Verification, string? VsaPath)
{
    /// <summary>Whether the policy passed.</summary>
    public bool Passed => ExitCode == 0;
}

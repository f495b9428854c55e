using Cilock.Attestation.Diagnostics;

namespace Cilock.Gate.Verification;

/// <summary>The outcome of verifying one package.</summary>
/// <param name="Passed">Whether the package may be published.</param>
/// <param name="Reasons">Why it failed (one diagnostic per rejected step or candidate), or notes when it passed.</param>
public sealed record PackageVerdict(bool Passed, IReadOnlyList<Diagnostic> Reasons)
{
    /// <summary>
    /// For a passing verdict, the envelopes that made it pass (references into the evidence paths the verifier was
    /// given); empty when the verifier does not say.
    /// </summary>
    public IReadOnlyList<VerifiedEnvelope> PassedEvidence { get; init; } = [];

    /// <summary>A passing verdict with optional notes.</summary>
    public static PackageVerdict Pass(params Diagnostic[] notes) => new(true, notes);

    /// <summary>A failing verdict; at least one reason is required so the user learns why.</summary>
    public static PackageVerdict Fail(Diagnostic reason, params Diagnostic[] more) => new(false, [reason, .. more]);
}

using Cilock.Policy.Rules;

namespace Cilock.Operations.Verification;

/// <summary>Inputs of <c>cilock policy new</c>.</summary>
/// <param name="Evidence">Evidence files or directories to derive the steps from.</param>
/// <param name="Keys">Public keys of the functionaries (a key becomes a functionary of every step it signed).</param>
public sealed record PolicyNewOptions(IReadOnlyList<string> Evidence, IReadOnlyList<string> Keys)
{
    /// <summary>Where to write the policy; null = return it only.</summary>
    public string? OutFile { get; init; }

    /// <summary>Built-in rules to add to the step attestation entries of their types (see <see cref="PolicyRuleApplier"/>).</summary>
    public IReadOnlyList<PolicyRuleRequest> Rules { get; init; } = [];

    /// <summary>The clock (expires = now + 1 year).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

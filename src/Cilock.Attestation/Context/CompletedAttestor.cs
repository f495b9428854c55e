using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Context;

/// <summary>One attestor after it ran.</summary>
/// <param name="Attestor">The attestor.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="EndTime">When it finished.</param>
/// <param name="Error">Why it failed, or <c>null</c> when it succeeded (failed attestors are not written).</param>
public sealed record CompletedAttestor(IAttestor Attestor, DateTimeOffset StartTime, DateTimeOffset EndTime, Diagnostic? Error)
{
    /// <summary>Whether the attestor completed without error.</summary>
    public bool Succeeded => Error is null;
}

using Cilock.Attestation.Diagnostics;

namespace Cilock.Policy.Verification;

/// <summary>Why one candidate collection (or a whole step) was rejected.</summary>
/// <param name="Step">The policy step.</param>
/// <param name="Reference">The envelope (file, <c>file#line</c>), or null for step-level reasons.</param>
/// <param name="Reason">The coded reason (CIL31xx/CIL32xx).</param>
public sealed record CandidateRejection(string Step, string? Reference, Diagnostic Reason);

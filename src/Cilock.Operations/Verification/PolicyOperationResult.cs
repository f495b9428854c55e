using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Verification;

/// <summary>The outcome of a <c>cilock policy</c> operation.</summary>
/// <param name="ExitCode">0 ok, 1 check failed, 2 usage or input error.</param>
/// <param name="Diagnostics">Messages for the user.</param>
/// <param name="Output">The produced bytes (policy JSON or envelope), when any.</param>
/// <param name="OutFile">The file written, when any.</param>
public sealed record PolicyOperationResult(int ExitCode, IReadOnlyList<Diagnostic> Diagnostics, byte[]? Output = null, string? OutFile = null);

using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Run;

/// <summary>The outcome of <see cref="RunOperation"/>.</summary>
/// <param name="OutputPath">The full path of the signed envelope written.</param>
/// <param name="ExitCode">The wrapped command's exit code (passed through by the CLI).</param>
/// <param name="KeyId">The keyid of the signing key.</param>
/// <param name="CreatedUserKeyPath">The per-user key file created by this run, or <c>null</c>.</param>
/// <param name="Diagnostics">Warnings collected while recording (errors abort the run instead).</param>
public sealed record RunResult(
    string OutputPath,
    int ExitCode,
    string KeyId,
    string? CreatedUserKeyPath,
    IReadOnlyList<Diagnostic> Diagnostics);

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
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>
    /// True when <see cref="RunOptions.SecretScanFailOnDetection"/> was set and secrets were found: the evidence is
    /// written, and <see cref="Diagnostics"/> carries one CIL4001 error per finding (rule and hash, never the value).
    /// </summary>
    public bool FailedOnSecrets { get; init; }
}

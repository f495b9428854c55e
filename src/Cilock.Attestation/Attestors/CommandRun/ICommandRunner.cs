namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>Runs the wrapped command (injectable so tests and tracers can substitute their own).</summary>
public interface ICommandRunner
{
    /// <summary>Runs the command to completion, streaming and capturing its output.</summary>
    /// <exception cref="Diagnostics.CilockException">CIL1040 when the executable cannot be found or started.</exception>
    Task<CommandRecord> RunAsync(CommandInvocation invocation, CancellationToken ct);
}

using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Tracing;

namespace Cilock.Operations.Recording;

// Process tracing (CilockTrace): the command-run attestor of the step is rebuilt with the traced processes.
public sealed partial class StepRecordingOperation
{
    /// <summary>
    /// Replaces the step's command-run attestor with one that carries the processes of
    /// <see cref="StepRecordingOptions.TraceRecords"/>. Fails the step (CIL5005) when the records are missing or
    /// incomplete: evidence that claims a trace must hold all of it.
    /// </summary>
    private static async Task AttachTraceAsync(List<IAttestor> attestors, StepRecordingOptions options, CancellationToken ct)
    {
        if (options.TraceRecords is null || options.Command is not { Count: > 0 } command)
        {
            return;
        }

        var index = attestors.FindIndex(a => a is CommandRunAttestor);
        if (index < 0)
        {
            return;
        }

        var record = await TraceRecordFile.AttachAsync(new CommandRecord(command, options.ExitCode), options.TraceRecords, ct).ConfigureAwait(false);
        attestors[index] = CommandRunAttestor.FromRecord(record);
    }
}

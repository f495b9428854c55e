using Cilock.Attestation.Attestors.CommandRun;

namespace Cilock.Operations.Tests.Run;

/// <summary>Runs nothing: writes the given output chunks to the live writers and returns a fixed exit code.</summary>
internal sealed class FakeCommandRunner(int exitCode, params string[] stdoutChunks) : ICommandRunner
{
    public Exception? Throw { get; init; }

    public Func<CancellationToken, Task>? During { get; init; }

    public CommandInvocation? Invocation { get; private set; }

    public async Task<CommandRecord> RunAsync(CommandInvocation invocation, CancellationToken ct)
    {
        Invocation = invocation;
        if (Throw is not null)
        {
            throw Throw;
        }

        foreach (var chunk in stdoutChunks)
        {
            invocation.Stdout.Write(chunk);
            invocation.Stdout.Flush();
        }

        if (During is not null)
        {
            await During(ct);
        }

        return new CommandRecord([.. invocation.Arguments], exitCode, string.Concat(stdoutChunks), "");
    }
}

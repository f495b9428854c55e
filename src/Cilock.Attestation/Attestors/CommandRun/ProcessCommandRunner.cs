using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>Runs a command as a child process, streaming its output to the caller while capturing it.</summary>
public sealed class ProcessCommandRunner : ICommandRunner
{
    /// <summary>The shared instance.</summary>
    public static ProcessCommandRunner Instance { get; } = new();

    /// <inheritdoc />
    public async Task<CommandRecord> RunAsync(CommandInvocation invocation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Arguments.Count == 0 || string.IsNullOrEmpty(invocation.Arguments[0]))
        {
            throw new CilockException(EvidenceDiagnostics.CommandNotFound, "command not found: no command was given");
        }

        // A relative program path ("./build.sh") means relative to the step's folder, not to this process's folder.
        var program = invocation.Arguments[0];
        if (!Path.IsPathRooted(program) && program.AsSpan().IndexOfAny('/', Path.DirectorySeparatorChar) >= 0)
        {
            program = Path.GetFullPath(program, invocation.WorkingDirectory);
        }

        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = invocation.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in invocation.Arguments.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (key, value) in invocation.Environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new CilockException(EvidenceDiagnostics.CommandNotFound, $"command not found: '{invocation.Arguments[0]}' ({e.Message})", e);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var pumpOut = PumpAsync(process.StandardOutput, invocation.Stdout, stdout, ct);
        var pumpErr = PumpAsync(process.StandardError, invocation.Stderr, stderr, ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            await Task.WhenAll(pumpOut, pumpErr).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            throw;
        }

        return new CommandRecord([.. invocation.Arguments], process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, TextWriter live, StringBuilder capture, CancellationToken ct)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false)) > 0)
        {
            capture.Append(buffer, 0, read);

            // The caller's writer may be a console shared by both pumps: serialize writes to it.
            lock (live)
            {
                live.Write(buffer, 0, read);
                live.Flush();
            }
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}

using System.Diagnostics;
using System.Text;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Tracing;

/// <summary>
/// Runs the command under the bundled <c>cilock-tracer</c> (ptrace + seccomp-BPF) and returns the traced processes
/// with the command's record. Fails closed: when tracing is impossible the run fails with a CIL5xxx diagnostic instead
/// of silently producing untraced evidence.
/// </summary>
public sealed class TracingCommandRunner : ICommandRunner
{
    /// <summary>The capture mode recorded for traced runs.</summary>
    public const string CaptureMode = "trace";

    private readonly string? _tracerPath;
    private readonly ICommandRunner _inner;

    /// <summary>Creates a runner.</summary>
    /// <param name="tracerPath">The tracer binary; defaults to <see cref="DefaultTracerPath"/> (copied to a private cache when its exec bit was lost).</param>
    /// <param name="inner">Starts the tracer process (streaming and capturing output); defaults to <see cref="ProcessCommandRunner"/>.</param>
    public TracingCommandRunner(string? tracerPath = null, ICommandRunner? inner = null)
    {
        _tracerPath = tracerPath;
        _inner = inner ?? ProcessCommandRunner.Instance;
    }

    /// <summary>The default location of the bundled tracer: <c>runtimes/&lt;rid&gt;/native/cilock-tracer</c> next to this assembly.</summary>
    public static string DefaultTracerPath => TracerLocator.BundledPath;

    /// <inheritdoc />
    public async Task<CommandRecord> RunAsync(CommandInvocation invocation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var tracer = LocateTracer();
        if (invocation.Arguments.Count == 0 || string.IsNullOrEmpty(invocation.Arguments[0]))
        {
            throw new CilockException(EvidenceDiagnostics.CommandNotFound, "command not found: no command was given");
        }

        var fifoDir = Directory.CreateTempSubdirectory("cilock-trace-");
        try
        {
            var fifo = Path.Combine(fifoDir.FullName, "records");
            NativeMethods.MakeFifo(fifo);
            var assembler = new TraceAssembler();
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reader = Task.Run(() => ReadRecords(fifo, assembler, opened), CancellationToken.None);

            var stopwatch = Stopwatch.StartNew();
            CommandRecord traced;
            try
            {
                traced = await _inner.RunAsync(
                    invocation with { Arguments = [tracer, "--out", fifo, "--", .. invocation.Arguments] }, ct).ConfigureAwait(false);
            }
            finally
            {
                // A tracer that died before opening the FIFO leaves the reader blocked in open(2): pair it and let it end.
                if (!opened.Task.IsCompleted)
                {
                    await using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
                    {
                    }
                }

                await reader.ConfigureAwait(false);
            }

            stopwatch.Stop();
            ThrowOnFailure(assembler.Log, "--trace", invocation.Arguments[0]);
            var processes = await assembler.AssembleAsync().ConfigureAwait(false);
            var log = assembler.Log;
            return new CommandRecord(
                [.. invocation.Arguments], log.RootExitCode!.Value, traced.Stdout, traced.Stderr, processes, CaptureMode, stopwatch.Elapsed);
        }
        finally
        {
            fifoDir.Delete(recursive: true);
        }
    }

    private string LocateTracer() => TracerLocator.Resolve(_tracerPath);

    private static void ReadRecords(string fifo, TraceAssembler assembler, TaskCompletionSource opened)
    {
        using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        opened.TrySetResult();
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 1 << 16);
        while (reader.ReadLine() is { } line)
        {
            assembler.Apply(line);
        }
    }

    /// <summary>Turns the tracer's failure record (or a missing end record) into the matching coded error.</summary>
    /// <param name="log">The decoded records.</param>
    /// <param name="context">Who asked for tracing, for the message (<c>--trace</c>, <c>CilockTrace</c>).</param>
    /// <param name="command">The traced program, for a failed exec.</param>
    internal static void ThrowOnFailure(TraceLog log, string context, string command)
    {
        if (log.Failure is { } failure)
        {
            throw failure.Kind switch
            {
                "ptrace" => new CilockException(
                    TracingDiagnostics.PtraceUnavailable,
                    $"{context}: ptrace is not permitted here ({failure.Message}; kernel.yama.ptrace_scope={YamaScope()}). Allow it with kernel.yama.ptrace_scope<=1, the CAP_SYS_PTRACE capability, or a container seccomp profile that permits ptrace (e.g. docker --cap-add SYS_PTRACE)"),
                "seccomp" => new CilockException(
                    TracingDiagnostics.SeccompUnavailable,
                    $"{context}: the seccomp prefilter could not be installed ({failure.Message}); the kernel needs CONFIG_SECCOMP_FILTER and the sandbox must allow prctl(PR_SET_SECCOMP)"),
                "exec" => new CilockException(
                    EvidenceDiagnostics.CommandNotFound, $"command not found: '{command}' ({failure.Message})"),
                _ => new CilockException(TracingDiagnostics.TraceIncomplete, $"{context}: the tracer failed ({failure.Kind}: {failure.Message})"),
            };
        }

        if (log.RootExitCode is null)
        {
            throw new CilockException(
                TracingDiagnostics.TraceIncomplete, $"{context}: the tracer ended without a complete trace (killed or crashed); the evidence would be incomplete");
        }
    }

    private static string YamaScope()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/yama/ptrace_scope").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

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

    private const int OpenAccessMask = 3;
    private const int OpenCreate = 0x40;
    private const int OpenTruncate = 0x200;

    private static readonly EnvironmentCapturer DefaultCapturer =
        new(new AttestationContextOptions { WorkingDirectory = ".", StepName = "trace" });

    private readonly string? _tracerPath;
    private readonly ICommandRunner _inner;

    /// <summary>Creates a runner.</summary>
    /// <param name="tracerPath">The tracer binary; defaults to <c>runtimes/linux-x64/native/cilock-tracer</c> next to this assembly.</param>
    /// <param name="inner">Starts the tracer process (streaming and capturing output); defaults to <see cref="ProcessCommandRunner"/>.</param>
    public TracingCommandRunner(string? tracerPath = null, ICommandRunner? inner = null)
    {
        _tracerPath = tracerPath;
        _inner = inner ?? ProcessCommandRunner.Instance;
    }

    /// <summary>The default location of the bundled tracer.</summary>
    public static string DefaultTracerPath =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "cilock-tracer");

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
            var log = new TraceLog();
            var digests = new FileDigestCache();
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reader = Task.Run(() => ReadRecords(fifo, log, digests, opened), CancellationToken.None);

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
            ThrowOnFailure(log, invocation);
            var processes = await AssembleAsync(log, digests).ConfigureAwait(false);
            return new CommandRecord(
                [.. invocation.Arguments], log.RootExitCode!.Value, traced.Stdout, traced.Stderr, processes, CaptureMode, stopwatch.Elapsed);
        }
        finally
        {
            fifoDir.Delete(recursive: true);
        }
    }

    private string LocateTracer()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            throw new CilockException(
                TracingDiagnostics.UnsupportedPlatform,
                $"--trace needs Linux on x64 or arm64 (this is {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}); run without --trace");
        }

        var path = _tracerPath ?? DefaultTracerPath;
        if (!File.Exists(path) || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            throw new CilockException(
                TracingDiagnostics.TracerMissing,
                $"the bundled tracer '{path}' is missing or not executable; reinstall cilock or rebuild src/Cilock.Tracing on Linux with a C compiler");
        }

        return path;
    }

    private static void ReadRecords(string fifo, TraceLog log, FileDigestCache digests, TaskCompletionSource opened)
    {
        using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        opened.TrySetResult();
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 1 << 16);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            // Start hashing what was opened for reading now, close to when it was read, off the tracee's path.
            if (TraceRecordReader.Apply(log, line) is { } path && (line[0] == 'E' || !IsWrite(line)))
            {
                _ = digests.GetAsync(path);
            }
        }
    }

    private static bool IsWrite(string line)
    {
        var fields = TraceRecordReader.Split(line);
        return fields.Count > 2 && long.TryParse(fields[2], out var flags) && IsWriteFlags(flags);
    }

    private static bool IsWriteFlags(long flags) => (flags & OpenAccessMask) != 0 || (flags & (OpenCreate | OpenTruncate)) != 0;

    private static void ThrowOnFailure(TraceLog log, CommandInvocation invocation)
    {
        if (log.Failure is { } failure)
        {
            throw failure.Kind switch
            {
                "ptrace" => new CilockException(
                    TracingDiagnostics.PtraceUnavailable,
                    $"--trace: ptrace is not permitted here ({failure.Message}; kernel.yama.ptrace_scope={YamaScope()}). Allow it with kernel.yama.ptrace_scope<=1, the CAP_SYS_PTRACE capability, or a container seccomp profile that permits ptrace (e.g. docker --cap-add SYS_PTRACE)"),
                "seccomp" => new CilockException(
                    TracingDiagnostics.SeccompUnavailable,
                    $"--trace: the seccomp prefilter could not be installed ({failure.Message}); the kernel needs CONFIG_SECCOMP_FILTER and the sandbox must allow prctl(PR_SET_SECCOMP)"),
                "exec" => new CilockException(
                    EvidenceDiagnostics.CommandNotFound, $"command not found: '{invocation.Arguments[0]}' ({failure.Message})"),
                _ => new CilockException(TracingDiagnostics.TraceIncomplete, $"--trace: the tracer failed ({failure.Kind}: {failure.Message})"),
            };
        }

        if (log.RootExitCode is null)
        {
            throw new CilockException(
                TracingDiagnostics.TraceIncomplete, "--trace: the tracer ended without a complete trace (killed or crashed); the evidence would be incomplete");
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

    /// <summary>
    /// Masks sensitive variables with the default rules (spec §5) before the environment leaves the tracer's data;
    /// the attestor additionally scrubs the values its own options consider secret.
    /// </summary>
    private static string? Obfuscate(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in raw.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                variables.TryAdd(entry[..eq], entry[(eq + 1)..]);
            }
        }

        var captured = DefaultCapturer.Capture(variables);
        return captured.Count == 0 ? null : string.Join(' ', captured.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    private static async Task<List<TracedProcess>> AssembleAsync(TraceLog log, FileDigestCache digests)
    {
        var result = new List<TracedProcess>(log.Order.Count);
        foreach (var pid in log.Order)
        {
            var p = log.Processes[pid];
            var opened = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
            var written = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
            foreach (var (path, flags) in p.Opens)
            {
                var isWrite = IsWriteFlags(flags);
                if (FileDigestCache.IsPseudoPath(path))
                {
                    // Not hashable content (and /proc/<pid>/environ would be a secret): recorded by name only.
                    opened.TryAdd(path, DigestSet.Empty);
                    continue;
                }

                // Reads keep the digest seen as they streamed in; writes get the final content.
                var digest = await digests.GetAsync(path).ConfigureAwait(false);
                if (digest is null)
                {
                    // Missing (a failed probe or a deleted temporary) or not a regular file (directory, FIFO).
                    continue;
                }

                if (isWrite)
                {
                    written[path] = digest;
                }
                else
                {
                    opened.TryAdd(path, digest);
                }
            }

            result.Add(new TracedProcess(
                p.Pid,
                p.ParentPid,
                p.Program,
                p.Comm,
                p.Cmdline,
                p.Program is null ? null : await digests.GetAsync(p.Program).ConfigureAwait(false),
                p.Exe is null ? null : await digests.GetAsync(p.Exe).ConfigureAwait(false),
                opened,
                written,
                p.Events.Count > 0 ? p.Events : null,
                p.Connections.Count > 0 ? p.Connections : null,
                p.ExitCode ?? 0,
                Obfuscate(p.Environment)));
        }

        return result;
    }
}

using System.Diagnostics;
using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;

namespace Cilock.Tracing;

/// <summary>
/// Lets a build engine trace a tool it starts itself (the compiler of the Csc task, the VSTest test host): writes a
/// small executable script that <c>exec</c>s the tool under <c>cilock-tracer</c>, so the engine runs the script where it
/// would run the tool. The records land in files read later by <see cref="TraceRecordFile"/>.
/// </summary>
public static class TracedToolWrapper
{
    private static readonly Dictionary<string, CilockException?> Probes = new(StringComparer.Ordinal);
    private static readonly Lock ProbeLock = new();

    /// <summary>
    /// Checks once per process (and tracer) that tracing works here by tracing <c>/bin/true</c>; returns <c>null</c> when it
    /// does, else the coded reason (CIL5001 ptrace refused, CIL5002 tracer missing, CIL5003 seccomp, CIL5004 platform).
    /// </summary>
    public static CilockException? Probe(string? tracerPath = null)
    {
        lock (ProbeLock)
        {
            var key = tracerPath ?? "";
            if (!Probes.TryGetValue(key, out var result))
            {
                result = RunProbe(tracerPath);
                Probes[key] = result;
            }

            return result;
        }
    }

    /// <summary>
    /// Writes <paramref name="scriptPath"/> (mode 0755, atomically): <c>exec cilock-tracer --out RECORDS -- COMMAND "$@"</c>.
    /// With <paramref name="oneFilePerInvocation"/> (a test host), <paramref name="recordsPath"/> is a folder and each
    /// invocation writes its own <c>&lt;pid&gt;.records</c> there (a test run may start several hosts), and the tracer runs
    /// as a child of the script so that the runner killing "its" host does not cut the trace short; else it is the file.
    /// </summary>
    /// <returns>The script path.</returns>
    /// <exception cref="CilockException">CIL5002/CIL5004 when there is no usable tracer; CIL1002 when the script cannot be written.</exception>
    public static string Write(string scriptPath, IReadOnlyList<string> command, string recordsPath, bool oneFilePerInvocation, string? tracerPath = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new ArgumentException("the wrapped command is empty", nameof(command));
        }

        var tracer = TracerLocator.Resolve(tracerPath);
        var records = Path.GetFullPath(recordsPath);
        string output;
        if (oneFilePerInvocation)
        {
            Directory.CreateDirectory(records);
            // $$ is the shell's pid, which exec hands on to the tracer: unique among concurrently running hosts.
            output = Quote(records + "/") + "\"$$\"" + TraceRecordFile.Extension;
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(records)!);
            output = Quote(records);
        }

        var traced = new StringBuilder()
            .Append(Quote(tracer)).Append(" --out ").Append(output).Append(" --")
            .AppendJoin(string.Empty, command.Select(a => " " + Quote(a)))
            .Append(" \"$@\"")
            .ToString();
        var script = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append("# Written by Cilock (CilockTrace): runs the tool under the bundled tracer.\n");
        if (oneFilePerInvocation)
        {
            // A test runner kills its host (SIGKILL) once the run is over; the tracer must outlive that to finish its
            // records, so the runner gets this shell, not the tracer. Readers wait for the tracer's lock on the file.
            // `0<&0` keeps stdin: a background job would otherwise read /dev/null.
            script.Append(traced).Append(" 0<&0 &\n").Append("wait $!\n");
        }
        else
        {
            script.Append("exec ").Append(traced).Append('\n');
        }

        AtomicFile.Write(scriptPath, Encoding.UTF8.GetBytes(script.ToString()), overwrite: true, ExecutableMode);
        return Path.GetFullPath(scriptPath);
    }

    private const UnixFileMode ExecutableMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Single-quotes a word for sh (a single quote becomes <c>'\''</c>).</summary>
    internal static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static CilockException? RunProbe(string? tracerPath)
    {
        string tracer;
        try
        {
            tracer = TracerLocator.Resolve(tracerPath);
        }
        catch (CilockException e)
        {
            return e;
        }

        var records = Path.Combine(Path.GetTempPath(), $"cilock-trace-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var start = new ProcessStartInfo(tracer) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "--out", records, "--", "/bin/true" })
            {
                start.ArgumentList.Add(arg);
            }

            using (var process = Process.Start(start)!)
            {
                process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                process.WaitForExit();
            }

            var assembler = new TraceAssembler();
            foreach (var line in File.Exists(records) ? File.ReadLines(records) : [])
            {
                assembler.Apply(line);
            }

            TracingCommandRunner.ThrowOnFailure(assembler.Log, "CilockTrace", "/bin/true");
            return null;
        }
        catch (CilockException e)
        {
            return e;
        }
        catch (Exception e) when (e is IOException or FormatException or System.ComponentModel.Win32Exception)
        {
            return new CilockException(TracingDiagnostics.TraceIncomplete, $"CilockTrace: the tracer could not be tested: {e.Message}");
        }
        finally
        {
            File.Delete(records);
        }
    }
}

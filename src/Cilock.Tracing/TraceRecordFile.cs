using System.Text;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Tracing;

/// <summary>
/// Reads record files the tracer wrote while the build engine ran a tool (<see cref="TracedToolWrapper"/>) and attaches
/// the traced processes to the step's command record.
/// </summary>
public static class TraceRecordFile
{
    /// <summary>The extension of the per-invocation record files a wrapper writes into a folder.</summary>
    public const string Extension = ".records";

    /// <summary>
    /// Returns <paramref name="record"/> with the processes of <paramref name="path"/> — one record file, or a folder
    /// whose <c>*.records</c> files (one per traced invocation) are read in name order.
    /// </summary>
    /// <exception cref="CilockException">
    /// CIL5005 when the path is missing, a file is unreadable, malformed or incomplete; the tracer's own failure codes
    /// (CIL5001, CIL5003) when it reported one.
    /// </exception>
    public static async Task<CommandRecord> AttachAsync(CommandRecord record, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string[] files = Directory.Exists(path)
            ? [.. Directory.GetFiles(path, "*" + Extension).Order(StringComparer.Ordinal)]
            : File.Exists(path) ? [path] : [];
        if (files.Length == 0)
        {
            throw new CilockException(
                TracingDiagnostics.TraceIncomplete,
                $"CilockTrace: no trace was recorded at '{path}' (the traced tool did not run in this build); rebuild, e.g. with --no-incremental");
        }

        var processes = new List<TracedProcess>();
        var duration = TimeSpan.Zero;
        foreach (var file in files)
        {
            var assembler = new TraceAssembler();
            try
            {
                using var reader = new StreamReader(await OpenCompletedAsync(file, ct).ConfigureAwait(false), new UTF8Encoding(false), false);
                while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                {
                    assembler.Apply(line);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                throw new CilockException(TracingDiagnostics.TraceIncomplete, $"CilockTrace: cannot read the trace '{file}': {e.Message}", e);
            }

            TracingCommandRunner.ThrowOnFailure(assembler.Log, "CilockTrace", record.Arguments.FirstOrDefault() ?? "?");
            processes.AddRange(await assembler.AssembleAsync().ConfigureAwait(false));
            duration += assembler.Log.Duration ?? TimeSpan.Zero;
        }

        return record with { Processes = processes, CaptureMode = TracingCommandRunner.CaptureMode, TraceDuration = duration };
    }

    /// <summary>How long a reader waits for a tracer that is still writing (a test host finishing after its runner left).</summary>
    internal static TimeSpan CompletionTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Opens a record file once its tracer has exited: the tracer holds an exclusive <c>flock</c> on it while tracing,
    /// which .NET reports as a sharing violation (IOException) when opening for reading.
    /// </summary>
    private static async Task<FileStream> OpenCompletedAsync(string file, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + CompletionTimeout;
        while (true)
        {
            try
            {
                return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            }
            catch (IOException) when (File.Exists(file) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
            catch (IOException e) when (File.Exists(file))
            {
                throw new IOException($"the tracer was still writing it after {CompletionTimeout.TotalSeconds:0} s ({e.Message})", e);
            }
        }
    }
}

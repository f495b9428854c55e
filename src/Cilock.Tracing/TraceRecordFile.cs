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
                using var reader = new StreamReader(file, new UTF8Encoding(false), false, new FileStreamOptions { Options = FileOptions.SequentialScan });
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
}

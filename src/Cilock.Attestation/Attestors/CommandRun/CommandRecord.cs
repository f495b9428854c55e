namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>A finished command: what ran and how it ended.</summary>
/// <param name="Arguments">The argv (program first).</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Captured standard output, or <c>null</c> when not captured.</param>
/// <param name="Stderr">Captured standard error, or <c>null</c> when not captured.</param>
/// <param name="Processes">The traced processes, or <c>null</c> when the command was not traced.</param>
/// <param name="CaptureMode">How processes were captured (<c>"trace"</c>), or <c>null</c> when not traced.</param>
/// <param name="TraceDuration">Wall time of the traced command, or <c>null</c>.</param>
public sealed record CommandRecord(
    IReadOnlyList<string> Arguments,
    int ExitCode,
    string? Stdout = null,
    string? Stderr = null,
    IReadOnlyList<TracedProcess>? Processes = null,
    string? CaptureMode = null,
    TimeSpan? TraceDuration = null);

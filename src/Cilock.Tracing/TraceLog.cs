namespace Cilock.Tracing;

/// <summary>What the tracer reported, decoded from its record stream (see docs/tracing.md for the format).</summary>
internal sealed class TraceLog
{
    /// <summary>Processes (thread groups) in order of first appearance, keyed by pid.</summary>
    public Dictionary<long, TraceProcess> Processes { get; } = [];

    /// <summary>Pids in order of first appearance.</summary>
    public List<long> Order { get; } = [];

    /// <summary>The exit code of the command (from the final <c>R</c> record), or <c>null</c> when the stream is incomplete.</summary>
    public int? RootExitCode { get; set; }

    /// <summary>When the tracer started the command (seconds since the epoch), or <c>null</c>.</summary>
    public decimal? StartSeconds { get; set; }

    /// <summary>When the command ended (seconds since the epoch), or <c>null</c>.</summary>
    public decimal? EndSeconds { get; set; }

    /// <summary>The traced wall time, when both ends are known.</summary>
    public TimeSpan? Duration => StartSeconds is { } s && EndSeconds is { } e && e >= s ? TimeSpan.FromTicks((long)((e - s) * TimeSpan.TicksPerSecond)) : null;

    /// <summary>The tracer's failure record (kind, errno, message), or <c>null</c>.</summary>
    public (string Kind, int Errno, string Message)? Failure { get; set; }

    /// <summary>Returns the process with <paramref name="pid"/>, creating it on first sight.</summary>
    public TraceProcess Get(long pid)
    {
        if (!Processes.TryGetValue(pid, out var p))
        {
            p = new TraceProcess(pid);
            Processes[pid] = p;
            Order.Add(pid);
        }

        return p;
    }
}

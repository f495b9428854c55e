using System.Collections.Concurrent;
using NuGet.Common;

namespace Cilock.Gate.Publishing;

/// <summary>
/// Records every NuGet log message (scrubbed of secrets). The gate counts a push as failed when NuGet logged any
/// <see cref="LogLevel.Error"/>, because some failures (HTTP source not allowed) are only logged, never thrown.
/// </summary>
internal sealed class CapturingLogger : LoggerBase
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _messages = new();
    private readonly SecretScrubber _scrubber;

    internal CapturingLogger(SecretScrubber scrubber)
        : base(LogLevel.Debug) => _scrubber = scrubber;

    internal IReadOnlyList<(LogLevel Level, string Message)> Messages => [.. _messages];

    internal IEnumerable<string> Errors => _messages.Where(m => m.Level == LogLevel.Error).Select(m => m.Message);

    public override void Log(ILogMessage message) => _messages.Enqueue((message.Level, _scrubber.Scrub(message.Message)));

    public override Task LogAsync(ILogMessage message)
    {
        Log(message);
        return Task.CompletedTask;
    }
}

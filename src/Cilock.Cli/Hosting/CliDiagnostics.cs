namespace Cilock.Cli.Hosting;

/// <summary>The diagnostic codes raised by the CLI host itself (documented in docs/diagnostics.md).</summary>
internal static class CliDiagnostics
{
    /// <summary>The command line could not be parsed (unknown option, missing argument, bad value).</summary>
    public const string UsageError = "CIL1900";

    /// <summary>The command was cancelled (Ctrl+C / SIGTERM).</summary>
    public const string Cancelled = "CIL1901";

    /// <summary>An unexpected exception: a bug in cilock.</summary>
    public const string InternalError = "CIL1999";
}

namespace Cilock.Cli.Rendering;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>Human-readable text.</summary>
    Text,

    /// <summary>Machine-readable JSON.</summary>
    Json,
}

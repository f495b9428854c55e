using System.CommandLine;

namespace Cilock.Cli.Hosting;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    /// <summary>Creates the recursive <c>--verbose</c> option (adds stack traces to internal errors).</summary>
    public static Option<bool> CreateVerbose() => new("--verbose")
    {
        Description = "Show more detail, including stack traces of internal errors",
        Recursive = true,
    };
}

namespace Cilock.Cli.Hosting;

/// <summary>The process exit codes every cilock command uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and every check passed.</summary>
    public const int Success = 0;

    /// <summary>A check ran and failed (invalid signature, policy rejected, push refused).</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad usage or bad input (unknown option, missing file, malformed key) or an internal error.</summary>
    public const int UsageOrInputError = 2;
}

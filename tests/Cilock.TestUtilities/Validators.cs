using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Cilock.TestUtilities;

/// <summary>Runs the third-party validator scripts of <c>../shared/validators</c>.</summary>
public static class Validators
{
    /// <summary>
    /// Runs <paramref name="script"/> with <paramref name="args"/>; returns its exit code and combined output.
    /// Marks the test inconclusive when the folder is absent or the validator cannot be set up (exit 2/3).
    /// </summary>
    public static (int ExitCode, string Output) Run(string script, params string[] args)
    {
        var path = SharedData.Locate(Path.Combine("validators", script));
        var result = ProcessRunner.Run("bash", [path, .. args], timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode is 2 or 3)
        {
            throw new AssertInconclusiveException($"{script}: validator unavailable (exit {result.ExitCode}): {result.Output}");
        }

        return (result.ExitCode, result.Output);
    }
}

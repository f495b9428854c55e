using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Cilock.TestUtilities;

/// <summary>Runs the built <c>cilock</c> CLI (src/Cilock.Cli) as a real process, the way a user runs it.</summary>
public static class CilockCli
{
    /// <summary>
    /// The newest built <c>cilock.dll</c> (Release or Debug); the test is inconclusive when the CLI has not been built.
    /// </summary>
    public static string Locate() =>
        new[] { "Debug", "Release" }
            .Select(c => Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Cli", "bin", c, "net10.0", "cilock.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new AssertInconclusiveException("cilock.dll is not built; run dotnet build src/Cilock.Cli first");

    /// <summary>
    /// Runs <c>cilock ARGS</c> in <paramref name="directory"/> with a private <c>CILOCK_HOME</c> under it, so no test
    /// touches the user's per-user key.
    /// </summary>
    public static ProcessResult Run(TempDirectory directory, params string[] args) =>
        Run(directory, TimeSpan.FromMinutes(3), args);

    /// <summary>Same as <see cref="Run(TempDirectory, string[])"/> with an explicit time limit.</summary>
    public static ProcessResult Run(TempDirectory directory, TimeSpan timeout, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return ProcessRunner.Run("dotnet", [Locate(), .. args], directory.Path, new Dictionary<string, string?> { ["CILOCK_HOME"] = directory.Combine("home") }, timeout);
    }
}

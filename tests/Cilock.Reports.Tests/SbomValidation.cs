using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

/// <summary>Runs the third-party CycloneDX (pinned to 1.6) and SPDX validators of ../shared/validators.</summary>
internal static class SbomValidation
{
    public static (int ExitCode, string Output) CycloneDx16(string path) => Run("validate-cyclonedx.sh", path);

    public static (int ExitCode, string Output) Spdx(string path) => Run("validate-spdx.sh", path);

    private static (int ExitCode, string Output) Run(string script, string path)
    {
        var validator = SharedData.Locate(Path.Combine("validators", script));
        var result = ProcessRunner.Run(
            "bash", [validator, path],
            environment: new Dictionary<string, string?> { ["CILOCK_CDX_SPEC_VERSION"] = "1.6" },
            timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode is 2 or 3)
        {
            throw new AssertInconclusiveException($"{script}: validator unavailable (exit {result.ExitCode}): {result.Output}");
        }

        return (result.ExitCode, result.Output);
    }
}

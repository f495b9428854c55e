using System.Reflection;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// The Cilock.Cli tool package carries the tracer too: installed with <c>dotnet tool install --tool-path</c> from a folder
/// feed, <c>cilock run --trace</c> traces with the binary from the tool's own folder (exec bit removed, as some zip
/// extractors do, so the private cache copy is exercised).
/// </summary>
[TestClass]
[TestCategory("Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TraceCliPackageTests
{
    [TestMethod]
    public void CilockRunTrace_InstalledTool_TracesWithItsPackagedTracer()
    {
        var configuration = typeof(TraceCliPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "CilockConfiguration").Value!;
        var project = Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Cli", "Cilock.Cli.csproj");
        if (!File.Exists(Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Cli", "bin", configuration, "net10.0", "cilock.dll")))
        {
            Assert.Inconclusive($"Cilock.Cli is not built in {configuration} (build/test.sh builds the whole solution first)");
        }

        var root = Path.Combine(PackedSdk.Root, "cli-trace");
        var feed = Path.Combine(root, "feed");
        var tools = Path.Combine(root, "tools");
        Directory.CreateDirectory(root);
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(PackedSdk.Root, "nuget-packages"),
            ["CILOCK_HOME"] = Path.Combine(root, "home"),
            ["XDG_CACHE_HOME"] = Path.Combine(root, "cache"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        Ok(ProcessRunner.Run("dotnet", ["pack", project, "--no-build", "-c", configuration, "-nologo", $"-p:PackageVersion={PackedSdk.Version}", "-o", feed], root, env, TimeSpan.FromMinutes(5)));
        Ok(ProcessRunner.Run("dotnet", ["tool", "install", "Cilock.Cli", "--version", PackedSdk.Version, "--tool-path", tools, "--add-source", feed], root, env, TimeSpan.FromMinutes(5)));

        var packaged = Directory.GetFiles(Path.Combine(tools, ".store"), "cilock-tracer", SearchOption.AllDirectories)
            .Single(p => p.EndsWith("/tools/net10.0/any/runtimes/linux-x64/native/cilock-tracer", StringComparison.Ordinal));
        File.SetUnixFileMode(packaged, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        var evidence = Path.Combine(root, "step.json");
        var run = ProcessRunner.Run(
            Path.Combine(tools, "cilock"),
            ["run", "--step", "leak", "-k", PackedSdk.KeyPath, "-o", evidence, "--trace", "--", "sh", "-c", "cat /proc/self/environ > leak.bin"],
            work,
            env,
            TimeSpan.FromMinutes(2));
        Ok(run);

        var commandRun = Evidence.Load(evidence).Attestation("/command-run/");
        Assert.AreEqual("trace", commandRun.GetProperty("_meta").GetProperty("captureMode").GetString());
        var paths = commandRun.GetProperty("paths").EnumerateArray().Select(p => p.GetString()).ToList();
        CollectionAssert.Contains(paths, "/proc/self/environ");
        CollectionAssert.Contains(paths, Path.Combine(work, "leak.bin"));
        Assert.AreEqual(1, Directory.GetFiles(Path.Combine(root, "cache", "cilock", "tracer"), "cilock-tracer", SearchOption.AllDirectories).Length,
            "the tool ran the cached copy of its packaged tracer");
    }

    private static void Ok(ProcessResult result) => Assert.AreEqual(0, result.ExitCode, result.Output);
}

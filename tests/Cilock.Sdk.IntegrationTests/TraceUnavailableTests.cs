using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// <c>CilockTrace</c> where ptrace is forbidden (the build runs under a seccomp filter that makes ptrace fail, like a
/// container's default profile): <c>auto</c> warns CIL5006 and records the step untraced; <c>true</c> fails with CIL5001.
/// </summary>
[TestClass]
[TestCategory("Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TraceUnavailableTests
{
    private static string _root = "";
    private static string _noPtrace = "";

    [ClassInitialize]
    public static void CreateProject(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("trace-unavailable");
        ConsumptionFormTests.WriteLibrary(_root, "Lib", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"Cilock.Sdk\" />");
        PackedSdk.DotnetOk(_root, "restore", "Lib/Lib.csproj");
        _noPtrace = Path.Combine(_root, "noptrace");
        var cc = ProcessRunner.Run("cc", ["-o", _noPtrace, Path.Combine(SharedData.RepositoryRoot, "tests", "Cilock.Tracing.Tests", "Assets", "noptrace.c")]);
        if (cc.ExitCode != 0)
        {
            Assert.Inconclusive("cannot compile the seccomp helper: " + cc.Output);
        }
    }

    [TestMethod]
    public void Build_AutoWithoutPtrace_WarnsAndRecordsUntraced()
    {
        var result = BuildWithoutPtrace("auto");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, "warning CIL5006");
        StringAssert.Contains(result.Output, "CIL5001");
        var commandRun = Evidence.Load(Path.Combine(_root, "Lib", "obj", "cilock-auto", "build.Debug.net10.0.intoto.json")).Attestation("/command-run/");
        Assert.IsFalse(commandRun.GetProperty("_meta").TryGetProperty("captureMode", out _), "an untraced step never claims a trace");
        Assert.IsFalse(commandRun.TryGetProperty("summary", out _));
        Assert.AreEqual(0, commandRun.GetProperty("processes").GetArrayLength());
    }

    [TestMethod]
    public void Build_TrueWithoutPtrace_FailsWithCil5001()
    {
        var result = BuildWithoutPtrace("true");

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Output, "error CIL5001");
        StringAssert.Contains(result.Output, "ptrace_scope");
        Assert.IsFalse(File.Exists(Path.Combine(_root, "Lib", "obj", "cilock-true", "build.Debug.net10.0.intoto.json")));
    }

    // The helper installs the filter and execs dotnet, so the whole build (and every process it starts) cannot ptrace.
    // PackedSdk.Dotnet starts dotnet itself, so its isolated environment is repeated here.
    private static ProcessResult BuildWithoutPtrace(string mode)
    {
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileName(host) == "dotnet" ? host : "/usr/bin/dotnet";
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(PackedSdk.Root, "nuget-packages"),
            ["CILOCK_HOME"] = Path.Combine(PackedSdk.Root, "cilock-home"),
            ["CilockSigningKey"] = PackedSdk.KeyPath,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
            ["DOTNET_NOLOGO"] = "1",
        };
        return ProcessRunner.Run(
            _noPtrace,
            [dotnet, "build", "Lib/Lib.csproj", "--no-restore", "--no-incremental", "-nodeReuse:false", $"-p:CilockTrace={mode}", $"-p:CilockEvidenceDir=obj/cilock-{mode}/"],
            _root,
            environment,
            TimeSpan.FromMinutes(8));
    }
}

using System.Text.Json;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// <c>CilockTrace</c> on the HelloLib sample, from the packed SDK: the compiler (build step) and the VSTest test host
/// (test step) run under the bundled tracer taken from the extracted package, and the processes land in each step's
/// command-run attestation.
/// </summary>
[TestClass]
[TestCategory("Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TraceTests
{
    private static string _root = "";
    private static string _cache = "";
    private static string _extractedTracer = "";

    private static string LibEvidence => Path.Combine(_root, "src", "HelloLib", "obj", "cilock");

    private static string TestsEvidence => Path.Combine(_root, "tests", "HelloLib.Tests", "obj", "cilock");

    [ClassInitialize]
    public static void BuildAndTestTraced(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("trace", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        _cache = Path.Combine(PackedSdk.Root, "trace-cache");
        PackedSdk.DotnetOk(_root, "restore");

        // A zip extractor that drops Unix modes: the tracer arrives without its exec bit and must still be usable.
        _extractedTracer = Path.Combine(PackedSdk.Root, "nuget-packages", "cilock.sdk", PackedSdk.Version.ToLowerInvariant(),
            "tasks", "net10.0", "runtimes", "linux-x64", "native", "cilock-tracer");
        Assert.IsTrue(File.Exists(_extractedTracer), "the SDK package ships the tracer next to its tasks");
        File.SetUnixFileMode(_extractedTracer, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var env = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = _cache };
        Ok(PackedSdk.Dotnet(_root, env, "build", "-c", "Release", "--no-restore", "-p:CilockTrace=true"));
        // The DeliberateFailure test only fails when asked to (see the sample); every test passes here.
        Ok(PackedSdk.Dotnet(_root, env, "test", "-c", "Release", "--no-build", "-p:CilockTrace=true"));
    }

    [TestMethod]
    public void Build_TracedCompiler_ReadsSourcesAndWritesTheAssembly()
    {
        var run = Processes(Path.Combine(LibEvidence, "build.Release.net10.0.intoto.json"), out var commandRun);

        Assert.AreEqual("trace", commandRun.GetProperty("_meta").GetProperty("captureMode").GetString());
        Assert.AreEqual("trace", commandRun.GetProperty("summary").GetProperty("captureMode").GetString());
        var compiler = run.Single(p => p.Program.EndsWith("/bincore/csc", StringComparison.Ordinal) || p.Cmdline.Contains("csc.dll", StringComparison.Ordinal));
        CollectionAssert.Contains(compiler.Opened, Path.Combine(_root, "src", "HelloLib", "Greeter.cs"));
        Assert.IsTrue(compiler.Opened.Any(p => p.EndsWith("/ref/net10.0/System.Runtime.dll", StringComparison.Ordinal)), "reference assemblies are read");
        CollectionAssert.Contains(compiler.Written, Path.Combine(_root, "src", "HelloLib", "obj", "Release", "net10.0", "HelloLib.dll"));
        Assert.AreEqual("csc", commandRun.GetProperty("cmd")[0].GetString(), "the recorded command stays the compiler command line");
    }

    [TestMethod]
    public void Test_TracedTestHost_LoadsTheTestsAndTheLibrary()
    {
        var run = Processes(Path.Combine(TestsEvidence, "test.Release.net10.0.intoto.json"), out _);

        var host = run.Single(p => p.Cmdline.Contains("testhost.dll", StringComparison.Ordinal));
        var bin = Path.Combine(_root, "tests", "HelloLib.Tests", "bin", "Release", "net10.0");
        CollectionAssert.Contains(host.Opened, Path.Combine(bin, "HelloLib.Tests.dll"));
        CollectionAssert.Contains(host.Opened, Path.Combine(bin, "HelloLib.dll"));
    }

    [TestMethod]
    public void Trace_ExecBitLost_RunsTheCachedCopyOfThePackagedTracer()
    {
        var script = File.ReadAllText(Path.Combine(_root, "src", "HelloLib", "obj", "Release", "net10.0", "cilock-trace-compiler.sh"));
        var cached = Directory.GetFiles(Path.Combine(_cache, "cilock", "tracer"), "cilock-tracer", SearchOption.AllDirectories).Single();

        StringAssert.Contains(script, $"exec '{cached}' --out ");
        CollectionAssert.AreEqual(File.ReadAllBytes(_extractedTracer), File.ReadAllBytes(cached));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_extractedTracer), "the package folder is left alone");
    }

    [TestMethod]
    public void Build_TraceOff_RecordsNoProcesses()
    {
        var result = PackedSdk.Dotnet(_root, null, "build", "src/HelloLib/HelloLib.csproj", "-c", "Release", "--no-restore",
            "-p:CilockEvidenceDir=obj/cilock-untraced/");
        Ok(result);

        var evidence = Evidence.Load(Path.Combine(_root, "src", "HelloLib", "obj", "cilock-untraced", "build.Release.net10.0.intoto.json"));
        var commandRun = evidence.Attestation("/command-run/");
        Assert.IsFalse(commandRun.GetProperty("_meta").TryGetProperty("captureMode", out _));
        Assert.AreEqual(0, commandRun.GetProperty("processes").GetArrayLength());
    }

    [TestMethod]
    public void Build_InvalidMode_IsCil5007()
    {
        var result = PackedSdk.Dotnet(_root, null, "build", "src/HelloLib/HelloLib.csproj", "-c", "Release", "--no-restore",
            "-p:CilockTrace=sometimes", "-p:CilockEvidenceDir=obj/cilock-invalid/");

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Output, "error CIL5007");
    }

    private static void Ok(ProcessResult result) => Assert.AreEqual(0, result.ExitCode, result.Output);

    /// <summary>The v0.2 process rows with their tables resolved.</summary>
    private static List<TracedRow> Processes(string envelope, out JsonElement commandRun)
    {
        var evidence = Evidence.Load(envelope);
        evidence.AssertSignedBy(PackedSdk.PublicKeyPath);
        commandRun = evidence.Attestation("/command-run/");
        var paths = commandRun.GetProperty("paths").EnumerateArray().Select(p => p.GetString()!).ToList();
        var cmdlines = commandRun.GetProperty("cmdlines").EnumerateArray().Select(p => p.GetString()!).ToList();
        var rows = new List<TracedRow>();
        foreach (var p in commandRun.GetProperty("processes").EnumerateArray())
        {
            List<string> Files(string member) => p.TryGetProperty(member, out var files)
                ? [.. files.EnumerateArray().Select(f => paths[f.GetProperty("pathId").GetInt32()])]
                : [];
            var exec = p.GetProperty("execPathId").GetInt32();
            var cmdline = p.GetProperty("cmdlineId").GetInt32();
            rows.Add(new TracedRow(exec < 0 ? "" : paths[exec], cmdline < 0 ? "" : cmdlines[cmdline], Files("openedFiles"), Files("writtenFiles")));
        }

        Assert.IsNotEmpty(rows, envelope);
        return rows;
    }

    private sealed record TracedRow(string Program, string Cmdline, List<string> Opened, List<string> Written);
}

using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// Microsoft.Testing.Platform runs of samples/MtpSample are recorded on both routes, failing ones included: the MSBuild
/// route (<c>dotnet build -t:Test</c>) and the .NET 10 <c>dotnet test</c> MTP runner (global.json), where the SDK's
/// launcher records the step after the test app exits. The envelopes are checked with our verifier and with openssl.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class MtpTestRecordingTests
{
    private static string _root = "";
    private static string _copies = "";
    private static ProcessResult _failingBuildTest = null!;
    private static ProcessResult _failingDotnetTest = null!;
    private static ProcessResult _passingDotnetTest = null!;

    private static string Project => Path.Combine(_root, "MtpSample.Tests");

    private static string TestEnvelope => Path.Combine(Project, "obj", "cilock", "test.Debug.net10.0.intoto.json");

    private static string Trx => Path.Combine(Project, "obj", "cilock", "test-results", "cilock-net10.0.trx");

    // Copies of each run's evidence: the next run overwrites the originals.
    private static string FailingBuildEnvelope => Path.Combine(_copies, "build-t-test.failing.intoto.json");

    private static string FailingDotnetTestEnvelope => Path.Combine(_copies, "dotnet-test.failing.intoto.json");

    private static string FailingDotnetTestTrx => Path.Combine(_copies, "dotnet-test.failing.trx");

    private static string PassingDotnetTestEnvelope => Path.Combine(_copies, "dotnet-test.passing.intoto.json");

    [ClassInitialize]
    public static void RunFailingThenPassingTests(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("mtp-sample", Path.Combine(SharedData.RepositoryRoot, "samples", "MtpSample"));
        _copies = Path.Combine(PackedSdk.Root, "mtp-sample-evidence");
        Directory.CreateDirectory(_copies);

        // The MSBuild route needs no runner opt-in; dotnet test then needs the global.json MTP runner (PackedSdk
        // rewrote global.json with the packed SDK version).
        _failingBuildTest = RunAndKeep(FailingBuildEnvelope, null, "build", "MtpSample.Tests", "-t:Test", "-p:MtpSampleFailingTest=true");

        UseMtpRunner(_root);
        _failingDotnetTest = RunAndKeep(FailingDotnetTestEnvelope, FailingDotnetTestTrx, "test", "-p:MtpSampleFailingTest=true");
        _passingDotnetTest = RunAndKeep(PassingDotnetTestEnvelope, null, "test");
    }

    [TestMethod]
    public void BuildTestTarget_FailingTest_FailsAfterSignedEvidenceNamesTheFailure()
    {
        Assert.AreNotEqual(0, _failingBuildTest.ExitCode, "a failing test must still fail the build:\n" + _failingBuildTest.Output);
        StringAssert.Contains(_failingBuildTest.Output, "Tests failed");
        Assert.DoesNotContain("   at Cilock", _failingBuildTest.Output, "no Cilock stack trace");

        var test = AssertSignedFailingRun(FailingBuildEnvelope, _failingBuildTest);
        var command = Command(test);
        Assert.AreEqual(1, test.Attestation("/command-run/").GetProperty("exitcode").GetInt32(), "the failed InvokeTestingPlatform run");
        CollectionAssert.AreEqual(
            new[] { "test", "MtpSample.Tests/bin/Debug/net10.0/MtpSample.Tests.dll", "--report-trx", "--report-trx-filename", "cilock-net10.0.trx", "--results-directory", "MtpSample.Tests/obj/cilock/test-results" },
            command,
            "the command names the test app relative to the repository: " + string.Join(' ', command));
    }

    [TestMethod]
    public void DotnetTest_MtpRunnerFailingTest_FailsAfterSignedEvidenceNamesTheFailure()
    {
        Assert.AreNotEqual(0, _failingDotnetTest.ExitCode, "a failing test must still fail dotnet test:\n" + _failingDotnetTest.Output);
        StringAssert.Contains(_failingDotnetTest.Output, "Divide_Deliberately_Fails");
        Assert.DoesNotContain("   at Cilock", _failingDotnetTest.Output, "no Cilock stack trace");

        var test = AssertSignedFailingRun(FailingDotnetTestEnvelope, _failingDotnetTest);
        Assert.AreEqual(2, test.Attestation("/command-run/").GetProperty("exitcode").GetInt32(), "the test app's own exit code (MTP: 2 = failed tests)");
        var command = Command(test);
        Assert.AreEqual("MtpSample.Tests/bin/Debug/net10.0/MtpSample.Tests", command[1], string.Join(' ', command));
        Assert.IsFalse(command.Any(a => a.Contains("dotnet-test-pipe", StringComparison.Ordinal) || a.Contains(_root, StringComparison.Ordinal)),
            "no per-run pipe and no machine path in the recorded command: " + string.Join(' ', command));

        var predicate = test.Attestation("https://aflock.ai/attestations/test-results/v0.1").GetProperty("predicate");
        Assert.AreEqual(Evidence.Sha256(FailingDotnetTestTrx), predicate.GetProperty("reportDigest").GetProperty("sha256").GetString(), "the TRX this run wrote");
    }

    [TestMethod]
    public void DotnetTest_MtpRunnerPassingTests_RecordsTestStep()
    {
        Assert.AreEqual(0, _passingDotnetTest.ExitCode, _passingDotnetTest.Output);
        Assert.IsTrue(File.Exists(PassingDotnetTestEnvelope), "the passing run was not recorded:\n" + _passingDotnetTest.Output);
        var test = Evidence.Load(PassingDotnetTestEnvelope);
        test.AssertSignedBy(PackedSdk.PublicKeyPath);
        Assert.AreEqual("test", test.StepName);
        Assert.IsFalse(test.Attestation("/command-run/").TryGetProperty("exitcode", out _), "exit code 0 is omitted (command-run v0.2)");
        var summary = test.Attestation("https://aflock.ai/attestations/test-results/v0.1").GetProperty("predicate").GetProperty("summary");
        Assert.AreEqual(2, summary.GetProperty("total").GetInt32());
        Assert.AreEqual(0, summary.GetProperty("failed").GetInt32());
        Assert.IsTrue(test.Leaves("material").ContainsKey("MtpSample.Tests/bin/Debug/net10.0/MtpSample.Tests.dll"), "the test app is a material");
        Assert.AreEqual(Evidence.Sha256(Trx), test.Leaves("product")["MtpSample.Tests/obj/cilock/test-results/cilock-net10.0.trx"]);
    }

    [TestMethod]
    public void DotnetTest_CilockTestRecordingFalse_RunsTestsWithoutRecording()
    {
        var root = PackedSdk.CreateWorkspace("mtp-sample-off", Path.Combine(SharedData.RepositoryRoot, "samples", "MtpSample"));
        UseMtpRunner(root);

        var result = DotnetTest(root, "-p:CilockTestRecording=false");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        Assert.IsTrue(File.Exists(Path.Combine(root, "MtpSample.Tests", "obj", "cilock", "build.Debug.net10.0.intoto.json")), "the build step is still recorded");
        Assert.IsFalse(File.Exists(Path.Combine(root, "MtpSample.Tests", "obj", "cilock", "test.Debug.net10.0.intoto.json")), "the test step is off");
    }

    private static ProcessResult RunAndKeep(string envelopeCopy, string? trxCopy, params string[] arguments)
    {
        if (File.Exists(TestEnvelope))
        {
            File.Delete(TestEnvelope);
        }

        var result = arguments[0] == "test" ? DotnetTest(_root, arguments[1..]) : PackedSdk.Dotnet(_root, null, arguments);
        if (File.Exists(TestEnvelope))
        {
            File.Copy(TestEnvelope, envelopeCopy);
            if (trxCopy is not null && File.Exists(Trx))
            {
                File.Copy(Trx, trxCopy);
            }
        }

        return result;
    }

    // Signed (our verifier and openssl), and the test-results attestation names the failed test with its message.
    private static Evidence AssertSignedFailingRun(string envelope, ProcessResult run)
    {
        Assert.IsTrue(File.Exists(envelope), "the failing run was not recorded:\n" + run.Output);
        var test = Evidence.Load(envelope);
        test.AssertSignedBy(PackedSdk.PublicKeyPath);
        var (exit, output) = Validators.Run("verify-dsse.sh", envelope, PackedSdk.PublicKeyPath);
        Assert.AreEqual(0, exit, output);

        var predicate = test.Attestation("https://aflock.ai/attestations/test-results/v0.1").GetProperty("predicate");
        var summary = predicate.GetProperty("summary");
        Assert.AreEqual(3, summary.GetProperty("total").GetInt32());
        Assert.AreEqual(1, summary.GetProperty("failed").GetInt32());
        var failed = predicate.GetProperty("failedTests").EnumerateArray().Single();
        Assert.AreEqual("Divide_Deliberately_Fails", failed.GetProperty("name").GetString());
        Assert.AreEqual("MtpSample.Tests.DeliberateFailureTests", failed.GetProperty("classname").GetString());
        StringAssert.Contains(failed.GetProperty("message").GetString(), "deliberate failure (MtpSampleFailingTest=true)");
        Assert.AreEqual("MtpSample.Tests/obj/cilock/test-results/cilock-net10.0.trx", predicate.GetProperty("reportFile").GetString());
        Assert.IsTrue(test.Subjects().ContainsKey("https://aflock.ai/attestations/test-results/v0.1/test-failure:MtpSample.Tests.DeliberateFailureTests.Divide_Deliberately_Fails"),
            string.Join(", ", test.Subjects().Keys));
        Assert.DoesNotContain(_root, predicate.GetRawText(), "messages and stack traces carry no machine path");
        return test;
    }

    // The .NET 10 dotnet test MTP runner opt-in, with the packed SDK version PackedSdk pinned.
    private static void UseMtpRunner(string root) =>
        File.WriteAllText(Path.Combine(root, "global.json"), $$"""
            { "sdk": { "version": "10.0.100", "rollForward": "latestFeature" }, "msbuild-sdks": { "Cilock.Sdk": "{{PackedSdk.Version}}" },
              "test": { "runner": "Microsoft.Testing.Platform" } }
            """);

    // PackedSdk.Dotnet appends -nodeReuse:false, which the MTP dotnet test forwards to the test app as an unknown
    // option (exit code 5). The same isolated environment (MSBUILDDISABLENODEREUSE=1 already stops node reuse).
    private static ProcessResult DotnetTest(string workingDirectory, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(PackedSdk.Root, "nuget-packages"),
            ["CILOCK_HOME"] = Path.Combine(PackedSdk.Root, "cilock-home"),
            ["CilockSigningKey"] = PackedSdk.KeyPath,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
            ["SOURCE_DATE_EPOCH"] = null,
        };
        return ProcessRunner.Run("dotnet", ["test", .. arguments], workingDirectory, environment, TimeSpan.FromMinutes(8));
    }

    private static string[] Command(Evidence test) =>
        [.. test.Attestation("/command-run/").GetProperty("cmd").EnumerateArray().Select(a => a.GetString()!)];
}

using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// Test evidence from a failing <c>dotnet test</c> (HelloLib with -p:HelloLibFailingTest=true): the step still fails,
/// but only after signed evidence that names the failed test and its message; the built-in tests-passed rule denies
/// that package through <c>cilock verify</c> and passes once the tests are green again.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class TestResultsEvidenceTests
{
    private static string _root = "";
    private static string _packages = "";
    private static ProcessResult _failingTest = null!;

    private static string TestEnvelope => Path.Combine(_root, "tests", "HelloLib.Tests", "obj", "cilock", "test.Release.net10.0.intoto.json");

    private static string Nupkg => Path.Combine(_packages, "HelloLib.1.0.0.nupkg");

    // Copies of the failing run's evidence: the green run later overwrites the originals.
    private static string FailingEnvelope => Path.Combine(_packages, "failing-test.intoto.json");

    private static string FailingSidecar => Path.Combine(_packages, "failing.nupkg.intoto.jsonl");

    private static string FailingTrx => Path.Combine(_packages, "failing.trx");

    private static string Trx => Path.Combine(_root, "tests", "HelloLib.Tests", "obj", "cilock", "test-results", "cilock-net10.0.trx");

    private static string GreenSidecar => Nupkg + ".intoto.jsonl";

    [ClassInitialize]
    public static void RunFailingThenGreenTests(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("hellolib-failing", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        _packages = Path.Combine(PackedSdk.Root, "hellolib-failing-packages");
        _failingTest = PackedSdk.Dotnet(_root, null, "test", "-c", "Release", "-p:HelloLibFailingTest=true");
        if (File.Exists(TestEnvelope))
        {
            PackedSdk.DotnetOk(_root, "pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", _packages);
            File.Copy(TestEnvelope, FailingEnvelope);
            File.Copy(Trx, FailingTrx);
            File.Copy(GreenSidecar, FailingSidecar);

            // Green again: the test step is re-recorded and the package sidecar picks it up.
            PackedSdk.DotnetOk(_root, "test", "-c", "Release");
            PackedSdk.DotnetOk(_root, "pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", _packages);
        }
    }

    [TestMethod]
    public void Test_FailingRun_StepFailsAfterSignedEvidenceNamesTheFailedTest()
    {
        Assert.AreNotEqual(0, _failingTest.ExitCode, "a failing test must still fail dotnet test:\n" + _failingTest.Output);
        StringAssert.Contains(_failingTest.Output, "Greet_Deliberately_Fails");
        Assert.DoesNotContain("   at Cilock", _failingTest.Output, "no Cilock stack trace");

        Assert.IsTrue(File.Exists(FailingEnvelope), "the failing run was not recorded:\n" + _failingTest.Output);
        var test = Evidence.Load(FailingEnvelope);
        test.AssertSignedBy(PackedSdk.PublicKeyPath);
        var (exit, output) = Validators.Run("verify-dsse.sh", FailingEnvelope, PackedSdk.PublicKeyPath);
        Assert.AreEqual(0, exit, output);

        Assert.AreEqual(1, test.Attestation("/command-run/").GetProperty("exitcode").GetInt32(), "the recorded command failed");
        var predicate = test.Attestation("https://aflock.ai/attestations/test-results/v0.1").GetProperty("predicate");
        var summary = predicate.GetProperty("summary");
        Assert.AreEqual(4, summary.GetProperty("total").GetInt32());
        Assert.AreEqual(1, summary.GetProperty("failed").GetInt32());
        Assert.AreEqual(3, summary.GetProperty("passed").GetInt32());
        var failed = predicate.GetProperty("failedTests").EnumerateArray().Single();
        Assert.AreEqual("Greet_Deliberately_Fails", failed.GetProperty("name").GetString());
        Assert.AreEqual("HelloLib.Tests.DeliberateFailureTests", failed.GetProperty("classname").GetString());
        StringAssert.Contains(failed.GetProperty("message").GetString(), "deliberate failure (HelloLibFailingTest=true)");
        Assert.AreEqual("tests/HelloLib.Tests/obj/cilock/test-results/cilock-net10.0.trx", predicate.GetProperty("reportFile").GetString());
        Assert.AreEqual(Path.Combine(_root, predicate.GetProperty("reportFile").GetString()!), Trx);
        Assert.AreEqual(Evidence.Sha256(FailingTrx), predicate.GetProperty("reportDigest").GetProperty("sha256").GetString(), "the digest of the TRX the failing run wrote");

        var subjects = test.Subjects();
        Assert.IsTrue(subjects.ContainsKey("https://aflock.ai/attestations/test-results/v0.1/test-failure:HelloLib.Tests.DeliberateFailureTests.Greet_Deliberately_Fails"), string.Join(", ", subjects.Keys));
        Assert.IsTrue(subjects.ContainsKey("https://aflock.ai/attestations/test-results/v0.1/test-suite:HelloLib.Tests"));
        Assert.DoesNotContain(_root, predicate.GetRawText(), "messages and stack traces carry no machine path");
    }

    [TestMethod]
    public void Test_CompileErrorInTestProject_FailsWithoutTestEvidence()
    {
        var broken = PackedSdk.CreateWorkspace("hellolib-broken", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        File.WriteAllText(Path.Combine(broken, "tests", "HelloLib.Tests", "Broken.cs"), "this is not C#");

        var result = PackedSdk.Dotnet(broken, null, "test", "-c", "Release");

        Assert.AreNotEqual(0, result.ExitCode, result.Output);
        Assert.IsFalse(File.Exists(Path.Combine(broken, "tests", "HelloLib.Tests", "obj", "cilock", "test.Release.net10.0.intoto.json")),
            "no test ran, so no test step is recorded");
    }

    [TestMethod]
    public void Verify_TestsPassedRule_DeniesFailingRunAndPassesGreenRun()
    {
        Assert.IsTrue(File.Exists(FailingSidecar), "the failing run was not recorded:\n" + _failingTest.Output);
        CollectionAssert.AreEqual(new[] { "build", "test", "pack" }, Evidence.LoadLines(FailingSidecar).Select(e => e.StepName).ToArray());
        using var dir = new TempDirectory("cilock-tests-passed");
        Assert.AreEqual(0, CilockCli.Run(dir, "keygen", "-o", "pol").ExitCode);

        var denied = CilockCli.Run(dir, "verify", "-p", SignedPolicy(dir, "failing", FailingSidecar), "-k", "pol.pub", "-f", Nupkg, "-a", FailingSidecar);
        Assert.AreEqual(1, denied.ExitCode, denied.Output);
        StringAssert.Contains(denied.Output, "1 of 4 tests failed or errored");
        StringAssert.Contains(denied.Output, "test Greet_Deliberately_Fails failed");

        var passed = CilockCli.Run(dir, "verify", "-p", SignedPolicy(dir, "green", GreenSidecar), "-k", "pol.pub", "-f", Nupkg, "-a", GreenSidecar);
        Assert.AreEqual(0, passed.ExitCode, passed.Output);
    }

    private static string SignedPolicy(TempDirectory dir, string name, string sidecar)
    {
        var scaffold = CilockCli.Run(dir, "policy", "new", "--from", sidecar, "-k", PackedSdk.PublicKeyPath, "--rule", "tests-passed", "-o", name + ".json");
        Assert.AreEqual(0, scaffold.ExitCode, scaffold.Output);
        var signed = CilockCli.Run(dir, "policy", "sign", name + ".json", "-k", "pol.key", "-o", name + ".signed.json");
        Assert.AreEqual(0, signed.ExitCode, signed.Output);
        return name + ".signed.json";
    }
}

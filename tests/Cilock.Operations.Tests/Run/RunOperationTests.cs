using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.Run;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Run;

[TestClass]
public sealed class RunOperationTests
{
    private const string Secret = "ghp_PlantedInjectedSecret0001";

    [TestMethod]
    public async Task ExecuteAsync_FakeRunner_WritesSignedCollectionAndPassesExitCode()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);
        var runner = new FakeCommandRunner(7, "hello\n");
        using var stdout = new StringWriter();

        var result = await new RunOperation(runner).ExecuteAsync(Options(dir, key.Path) with { StandardOutput = stdout });

        Assert.AreEqual(7, result.ExitCode);
        Assert.AreEqual(key.Signer.KeyId, result.KeyId);
        Assert.IsNull(result.CreatedUserKeyPath);
        Assert.AreEqual("hello\n", stdout.ToString());
        var envelope = DsseEnvelope.Parse(File.ReadAllText(result.OutputPath));
        Assert.IsTrue(DsseVerifier.Verify(envelope, new() { Verifiers = [KeyLoader.LoadVerifier(key.Pub)] }).IsValid);
        var doc = CollectionReader.Read(envelope.Payload);
        Assert.AreEqual("build", doc.Collection.Name);
        CollectionAssert.AreEquivalent(
            new[] { "environment", "material", "command-run", "product" },
            doc.Collection.Entries.Select(e => e.Type.Split('/')[^2]).ToArray());
        CollectionAssert.AreEqual(new[] { "make", "all" }, runner.Invocation!.Arguments.ToArray());
    }

    [TestMethod]
    public async Task ExecuteAsync_InjectedSecret_MaskedInLiveOutputAndEvidence()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);
        var runner = new FakeCommandRunner(0, "tok=ghp_Planted", "InjectedSecret0001 done\n");
        using var stdout = new StringWriter();
        var env = new Dictionary<string, string> { ["MY_API_SECRET"] = Secret, ["PATH"] = "/usr/bin:/bin" };

        var result = await new RunOperation(runner).ExecuteAsync(Options(dir, key.Path) with { StandardOutput = stdout, Environment = env });

        Assert.AreEqual("tok=****** done\n", stdout.ToString());
        var evidence = File.ReadAllText(result.OutputPath);
        var payload = System.Text.Encoding.UTF8.GetString(DsseEnvelope.Parse(evidence).Payload);
        Assert.IsFalse(payload.Contains(Secret, StringComparison.Ordinal));
        Assert.IsFalse(evidence.Contains(Secret, StringComparison.Ordinal));
        StringAssert.Contains(payload, "MY_API_SECRET");
        Assert.AreSame(env["PATH"], runner.Invocation!.Environment["PATH"], "the child sees the same environment snapshot the attestors record");
    }

    [TestMethod]
    public async Task ExecuteAsync_RunnerReportsCommandNotFound_Cil1040AndNoFile()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);
        var runner = new FakeCommandRunner(0) { Throw = new CilockException(EvidenceDiagnostics.CommandNotFound, "command not found: 'make'") };

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new RunOperation(runner).ExecuteAsync(Options(dir, key.Path)));

        Assert.AreEqual("CIL1040", e.Code);
        Assert.IsFalse(File.Exists(dir.Combine("out.json")));
    }

    [TestMethod]
    public async Task ExecuteAsync_RealRunnerMissingExecutable_Cil1040BeforeAnything()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new RunOperation().ExecuteAsync(Options(dir, key.Path) with { Command = ["cilock-no-such-tool"] }));

        Assert.AreEqual("CIL1040", e.Code);
        Assert.IsFalse(File.Exists(dir.Combine("out.json")));
    }

    [TestMethod]
    public async Task ExecuteAsync_Cancelled_ThrowsAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);
        using var cts = new CancellationTokenSource();
        var runner = new FakeCommandRunner(0)
        {
            During = ct =>
            {
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            },
        };

        await Assert.ThrowsAsync<OperationCanceledException>(() => new RunOperation(runner).ExecuteAsync(Options(dir, key.Path), cts.Token));

        Assert.IsFalse(File.Exists(dir.Combine("out.json")));
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ExecuteAsync_NoKey_CreatesUserKeyOnceWith0600AndSignsWithIt()
    {
        using var dir = new TempDirectory();
        var store = dir.Combine("home", "keys");
        var operation = new RunOperation(new FakeCommandRunner(0), store);

        var first = await operation.ExecuteAsync(Options(dir, keyPath: null));
        var second = await operation.ExecuteAsync(Options(dir, keyPath: null) with { OutputPath = dir.Combine("out2.json") });

        Assert.AreEqual(Path.Combine(store, "default.key"), first.CreatedUserKeyPath);
        Assert.IsNull(second.CreatedUserKeyPath, "created only once");
        Assert.AreEqual(first.KeyId, second.KeyId);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.CreatedUserKeyPath!));
        var envelope = DsseEnvelope.Parse(File.ReadAllText(second.OutputPath));
        Assert.IsTrue(DsseVerifier.Verify(envelope, new() { Verifiers = [KeyLoader.LoadVerifier(Path.Combine(store, "default.pub"))] }).IsValid);
    }

    [TestMethod]
    [DataRow("", "CIL1501")]
    [DataRow("   ", "CIL1501")]
    public async Task ExecuteAsync_EmptyStep_Cil1501(string step, string code)
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new RunOperation(new FakeCommandRunner(0)).ExecuteAsync(Options(dir, key.Path) with { StepName = step }));

        Assert.AreEqual(code, e.Code);
    }

    [TestMethod]
    public async Task ExecuteAsync_EmptyCommand_Cil1500()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new RunOperation(new FakeCommandRunner(0)).ExecuteAsync(Options(dir, key.Path) with { Command = [] }));

        Assert.AreEqual(OperationDiagnostics.NoCommand, e.Code);
    }

    [TestMethod]
    public async Task ExecuteAsync_OutputUnderRegularFile_Cil1503AndRunnerNeverCalled()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);
        var runner = new FakeCommandRunner(0);
        var blocker = dir.WriteFile("blocker", "x");

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new RunOperation(runner).ExecuteAsync(Options(dir, key.Path) with { OutputPath = Path.Combine(blocker, "out.json") }));

        Assert.AreEqual(OperationDiagnostics.InvalidOutputPath, e.Code);
        Assert.IsNull(runner.Invocation, "the command must not run");
    }

    [TestMethod]
    [DataRow("build", "build.attestation.json")]
    [DataRow("unit tests", "unit_tests.attestation.json")]
    [DataRow("../../etc/passwd", "_.._etc_passwd.attestation.json")]
    [DataRow("..", "step.attestation.json")]
    [DataRow("pack-1.2", "pack-1.2.attestation.json")]
    public void DefaultOutputFileName_StepName_IsASafeFileName(string step, string expected)
    {
        Assert.AreEqual(expected, RunOperation.DefaultOutputFileName(step));
    }

    private static RunOptions Options(TempDirectory dir, string? keyPath) => new()
    {
        StepName = "build",
        Command = ["make", "all"],
        KeyPath = keyPath,
        WorkingDirectory = Directory.CreateDirectory(dir.Combine("work")).FullName,
        OutputPath = dir.Combine("out.json"),
        Attestations = ["environment"],
        Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["CI"] = "true" },
    };
}

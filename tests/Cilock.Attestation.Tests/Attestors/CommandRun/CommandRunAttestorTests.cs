using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.CommandRun;

[TestClass]
public sealed class CommandRunAttestorTests
{
    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public async Task AttestAsync_FailingCommand_StreamsCapturesAndRecordsExitCode()
    {
        using var dir = new TempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var attestor = new CommandRunAttestor(["sh", "-c", "echo out; echo err >&2; exit 3"], stdout: stdout, stderr: stderr);

        var run = await new AttestationContext(Options(dir), [attestor]).RunAsync();

        Assert.IsTrue(run.Succeeded);
        Assert.AreEqual(3, attestor.ExitCode);
        Assert.AreEqual("out\n", stdout.ToString());
        Assert.AreEqual("err\n", stderr.ToString());
        var json = attestor.ToJson(Dialect.Witness)!;
        Assert.AreEqual(3, json["exitcode"]!.GetValue<int>());
        Assert.AreEqual("out\n", json["stdout"]!.GetValue<string>());
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public async Task AttestAsync_RelativeProgram_ResolvesAgainstWorkingDirectory()
    {
        using var dir = new TempDirectory();
        var script = dir.WriteFile("tools/hello.sh", "#!/bin/sh\necho from-script\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var attestor = new CommandRunAttestor(["./tools/hello.sh"]);

        var run = await new AttestationContext(Options(dir), [attestor]).RunAsync();

        Assert.IsTrue(run.Succeeded, string.Join("; ", run.Diagnostics.Select(d => d.Message)));
        Assert.AreEqual("from-script\n", attestor.Predicate!.Stdout);
        CollectionAssert.AreEqual(new[] { "./tools/hello.sh" }, attestor.Predicate.Cmd.ToArray(), "argv is recorded as given");
    }

    [TestMethod]
    public async Task AttestAsync_MissingExecutable_FailsWithCil1040()
    {
        using var dir = new TempDirectory();
        var attestor = new CommandRunAttestor(["definitely-not-a-command-7f3a"]);
        var run = await new AttestationContext(Options(dir), [attestor]).RunAsync();
        Assert.AreEqual("CIL1040", run.Diagnostics.Single().Code);
        StringAssert.Contains(run.Diagnostics.Single().Message, "command not found");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public async Task AttestAsync_SecretInOutput_IsScrubbedFromEvidence()
    {
        using var dir = new TempDirectory();
        const string secret = "ghp_S3cr3tValueThatMustNotLeak";
        var options = Options(dir) with { Environment = new Dictionary<string, string> { ["MY_API_SECRET"] = secret, ["PATH"] = System.Environment.GetEnvironmentVariable("PATH")! } };
        var live = new StringWriter();
        var attestor = new CommandRunAttestor(["sh", "-c", "echo $MY_API_SECRET; echo $MY_API_SECRET >&2", "arg-" + secret], stdout: live);

        var run = await new AttestationContext(options, [attestor]).RunAsync();
        var json = Encoding.UTF8.GetString(CollectionBuilder.Build(run, Dialect.Cilock).ToJsonBytes());

        StringAssert.Contains(live.ToString(), secret, "the caller still sees the live output");
        Assert.IsFalse(json.Contains(secret, StringComparison.Ordinal), json);
        StringAssert.Contains(json, "******");
    }

    [TestMethod]
    public async Task FromRecord_DoesNotRunAndWritesV02WithExitCodeOmittedWhenZero()
    {
        using var dir = new TempDirectory();
        var attestor = CommandRunAttestor.FromRecord(new CommandRecord(["csc", "/out:a.dll"], 0, "ok"));
        await new AttestationContext(Options(dir), [attestor]).RunAsync();

        var v02 = attestor.ToJson(Dialect.Cilock)!.AsObject();
        CollectionAssert.AreEqual(new[] { "_meta", "digests", "paths", "comms", "processes", "cmd", "stdout" }, v02.Select(kv => kv.Key).ToArray());
        Assert.AreEqual("v0.2", v02["_meta"]!["version"]!.GetValue<string>());
        Assert.IsFalse(v02.ContainsKey("exitcode"));
        var v01 = attestor.ToJson(Dialect.Witness)!.AsObject();
        Assert.AreEqual(0, v01["exitcode"]!.GetValue<int>());
        Assert.AreEqual(AttestationTypes.CommandRunCilock, attestor.PredicateType(Dialect.Cilock));
        Assert.AreEqual(AttestationTypes.CommandRunWitness, attestor.PredicateType(Dialect.Witness));
    }

    [TestMethod]
    public void ToJsonV02_TracedProcesses_InternsInFirstUseOrderWithMinusOneForAbsent()
    {
        var d = DigestSet.FromSha256("06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0");
        var predicate = new CommandRunPredicate(["dotnet", "build"], 2, null, null,
        [
            new TracedProcess(10, 1, "/usr/bin/dotnet", "dotnet", "dotnet build", d, null,
                new Dictionary<string, DigestSet> { ["z.cs"] = d, ["a.cs"] = DigestSet.Empty }, new Dictionary<string, DigestSet>()),
            new TracedProcess(11, 10, "/usr/bin/dotnet", "dotnet", null, null, null, new Dictionary<string, DigestSet>(), new Dictionary<string, DigestSet>()),
        ]);

        var json = predicate.ToJsonV02();

        Assert.AreEqual("""["/usr/bin/dotnet","a.cs","z.cs"]""", json["paths"]!.ToJsonString());
        Assert.AreEqual(1, json["digests"]!.AsArray().Count);
        Assert.AreEqual(2, json["exitcode"]!.GetValue<int>());
        var first = json["processes"]![0]!;
        Assert.AreEqual(-1, first["exeDigestId"]!.GetValue<int>());
        Assert.AreEqual("""[{"pathId":1,"digestId":-1},{"pathId":2,"digestId":0}]""", first["openedFiles"]!.ToJsonString());
        Assert.AreEqual(-1, json["processes"]![1]!["cmdlineId"]!.GetValue<int>());

        var back = CommandRunPredicate.FromJson(JsonNode.Parse(json.ToJsonString()), AttestationTypes.CommandRunCilock);
        Assert.AreEqual(2, back.Processes.Count);
        Assert.AreEqual(d, back.Processes[0].OpenedFiles["z.cs"]);
        Assert.IsNull(back.Processes[1].Cmdline);
        Assert.AreEqual(2, back.ExitCode);
    }

    [TestMethod]
    public void Constructor_EmptyCommand_ThrowsCil1040() =>
        Assert.AreEqual("CIL1040", Assert.ThrowsExactly<CilockException>(() => new CommandRunAttestor([])).Code);

    private static AttestationContextOptions Options(TempDirectory dir) => new()
    {
        WorkingDirectory = dir.Path,
        StepName = "build",
        Environment = new Dictionary<string, string> { ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" },
    };
}

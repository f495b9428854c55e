using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Rego;
using Cilock.TestUtilities;

namespace Cilock.Tracing.Tests;

[TestClass]
[TestCategory("Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TracingCommandRunnerTests
{
    [TestMethod]
    public async Task RunAsync_ShellPipeline_CoversStraceExecsAndOpens()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("in.txt", "b\na\nc\n");
        string[] command = ["sh", "-c", "cat in.txt | sort | head -n 2 > out.txt && wc -l < in.txt"];

        var record = await RunAsync(command, dir.Path);

        Assert.AreEqual(0, record.ExitCode);
        Assert.AreEqual("3", record.Stdout!.Trim());
        StraceComparison.AssertCovers(record, StraceComparison.Run(command, dir.Path));
        var writer = record.Processes!.Single(p => p.WrittenFiles.ContainsKey(dir.Combine("out.txt")));
        Assert.AreEqual("head", writer.Comm, "the redirect is opened by the forked shell that then execs head");
    }

    [TestMethod]
    public async Task RunAsync_MakeParallelBuild_CoversStrace()
    {
        if (!File.Exists("/usr/bin/make") || !File.Exists("/usr/bin/cc"))
        {
            Assert.Inconclusive("make and cc are needed");
        }

        using var dir = new TempDirectory();
        for (var i = 0; i < 4; i++)
        {
            dir.WriteFile($"m{i}.c", $"#include \"common.h\"\nint f{i}(void) {{ return COMMON + {i}; }}\n");
        }

        dir.WriteFile("common.h", "#define COMMON 1\n");
        dir.WriteFile("main.c", "int f0(void);\nint main(void) { return f0() - 1; }\n");
        dir.WriteFile("Makefile", "app: main.o m0.o m1.o m2.o m3.o\n\tcc -o $@ $^\n%.o: %.c common.h\n\tcc -c -o $@ $<\n");

        var record = await RunAsync(["make", "-j2"], dir.Path);
        Assert.AreEqual(0, record.ExitCode, record.Stderr);
        File.Delete(dir.Combine("app"));
        foreach (var o in Directory.GetFiles(dir.Path, "*.o"))
        {
            File.Delete(o);
        }

        StraceComparison.AssertCovers(record, StraceComparison.Run(["make", "-j2"], dir.Path));
        Assert.IsTrue(record.Processes!.Any(p => p.OpenedFiles.ContainsKey(dir.Combine("common.h"))), "the header read by the compiler is recorded");
        Assert.IsTrue(record.Processes!.Any(p => p.WrittenFiles.ContainsKey(dir.Combine("app"))), "the linked program is a written file");
    }

    [TestMethod]
    public async Task RunAsync_ThousandShortProcesses_RecordsEveryExec()
    {
        using var dir = new TempDirectory();
        var record = await RunAsync(["sh", "-c", "i=0; while [ $i -lt 1000 ]; do /bin/true; i=$((i+1)); done"], dir.Path);

        Assert.AreEqual(0, record.ExitCode);
        Assert.AreEqual(1000, record.Processes!.Count(p => p.Program == "/bin/true"));
        Assert.IsTrue(record.Processes!.Where(p => p.Program == "/bin/true").All(p => p.ProgramDigest is { Count: > 0 }));
    }

    [TestMethod]
    [DataRow("exit 7", 7)]
    [DataRow("kill -TERM $$", 143)]
    [DataRow("kill -KILL $$", 137)]
    public async Task RunAsync_ExitOrSignal_PassesThrough(string script, int expected)
    {
        using var dir = new TempDirectory();
        var record = await RunAsync(["sh", "-c", script], dir.Path);
        Assert.AreEqual(expected, record.ExitCode);
    }

    [TestMethod]
    public async Task RunAsync_UnknownCommand_IsCommandNotFound()
    {
        using var dir = new TempDirectory();
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => RunAsync(["no-such-program-xyz"], dir.Path));
        Assert.AreEqual("CIL1040", e.Code);
    }

    [TestMethod]
    public async Task RunAsync_StepReadsEnviron_SeedPolicyDeniesV01AndV02()
    {
        using var dir = new TempDirectory();
        var record = await RunAsync(["sh", "-c", "cat /proc/self/environ > leak.bin"], dir.Path);
        var predicate = new CommandRunPredicate(record.Arguments, record.ExitCode, null, null, record.Processes!, record.CaptureMode);
        var policy = RegoCompiler.Compile([new RegoModule("trace.rego", SpecExamplePolicies.Trace)]);

        var v01 = policy.EvaluateDeny(predicate.ToJsonV01().ToJsonString());
        var v02 = policy.EvaluateDeny(predicate.ToJsonV02().ToJsonString());

        Assert.IsTrue(v01.Denied, v01.Error);
        Assert.IsTrue(v02.Denied, v02.Error);
        StringAssert.Contains(v01.Reasons[0], "(cat) opened /proc/self/environ");
        Assert.IsTrue(record.Processes!.Any(p => p.WrittenFiles.ContainsKey(dir.Combine("leak.bin"))));
        Assert.IsFalse(predicate.ToJsonV02().ToJsonString().Contains("PATH=", StringComparison.Ordinal), "environ content never lands in evidence");
    }

    [TestMethod]
    public async Task RunAsync_FileOpsSocketsAndDns_AreRecordedInBothVersions()
    {
        if (!File.Exists("/bin/bash"))
        {
            Assert.Inconclusive("bash is needed for /dev/udp");
        }

        using var dir = new TempDirectory();
        // UDP connect needs no listener; a resolver connects its UDP socket to the name server the same way.
        var record = await RunAsync(
            ["/bin/bash", "-c", "echo x > a.tmp && mv a.tmp a && chmod 755 a && rm a && mkdir d && rmdir d && mv nope gone 2>/dev/null; exec 3<>/dev/udp/127.0.0.1/53; true"],
            dir.Path);

        var ops = record.Processes!.SelectMany(p => p.FileOps ?? []).ToList();
        Assert.IsTrue(ops.Any(o => o.Kind == FileOperation.Rename && o.Path == dir.Combine("a.tmp") && o.NewPath == dir.Combine("a")));
        Assert.IsTrue(ops.Any(o => o.Kind == FileOperation.Chmod && o.Path == dir.Combine("a") && o.Mode == 493));
        Assert.IsTrue(ops.Any(o => o.Kind == FileOperation.Delete && o.Path == dir.Combine("a")));
        Assert.IsTrue(ops.Any(o => o.Kind == FileOperation.Delete && o.Path == dir.Combine("d")));
        Assert.IsFalse(ops.Any(o => o.Path == dir.Combine("nope")), "a failed rename is not a file operation");
        Assert.IsTrue(ops.Any(o => o.Kind == FileOperation.Write && o.Path == dir.Combine("a.tmp")), "the redirect is a write");
        Assert.IsTrue(record.Processes!.Any(p => p.UnhashedOpens?.Contains(new UnhashedOpen(dir.Combine("a.tmp"), "renamed")) == true), "written, then renamed away");
        var socket = record.Processes!.SelectMany(p => p.Sockets ?? []).Single(k => k.Type == "SOCK_DGRAM");
        Assert.AreEqual("AF_INET", socket.Family);

        var predicate = new CommandRunPredicate(record.Arguments, record.ExitCode, null, null, record.Processes!, record.CaptureMode);
        foreach (var (json, events) in new[] { (predicate.ToJsonV01(), "syscallEvents"), (predicate.ToJsonV02(), "syscalls") })
        {
            var bash = ((JsonArray)json["processes"]!).Single(p => p!["network"] is not null)!;
            Assert.AreEqual("127.0.0.1", bash["network"]!["dnsLookups"]![0]!["serverAddress"]!.GetValue<string>());
            Assert.AreEqual(53, bash["network"]!["dnsLookups"]![0]!["serverPort"]!.GetValue<int>());
            Assert.AreEqual(socket.Fd, bash["network"]!["sockets"]![0]!["fd"]!.GetValue<long>());
            var fileOps = ((JsonArray)json["processes"]!).Select(p => p!["fileOps"]).OfType<JsonObject>().ToList();
            Assert.IsTrue(fileOps.Any(f => f["renames"] is JsonArray r && r.Any(x => x!["newPath"]!.GetValue<string>() == dir.Combine("a"))));
            Assert.IsTrue(fileOps.Any(f => f["permChanges"] is JsonArray c && c.Any(x => x!["setExec"]!.GetValue<bool>())));

            // Round trip: what we write, we read back.
            var back = CommandRunPredicate.FromJson(json, json.ContainsKey("_meta") ? AttestationTypes.CommandRunCilock : AttestationTypes.CommandRunWitness);
            CollectionAssert.AreEquivalent(
                ops.Select(o => (o.Kind, o.Path, o.NewPath, o.Mode)).ToList(),
                back.Processes.SelectMany(p => p.FileOps ?? []).Select(o => (o.Kind, o.Path, o.NewPath, o.Mode)).ToList(),
                events);
            Assert.AreEqual(socket, back.Processes.SelectMany(p => p.Sockets ?? []).Single(k => k.Type == "SOCK_DGRAM"));
        }

        Assert.IsGreaterThanOrEqualTo(2, predicate.ToJsonV02()["summary"]!["totals"]!["deletes"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task RunAsync_TraceeCallsPtrace_RecordsPtraceEvent()
    {
        if (!File.Exists("/usr/bin/strace"))
        {
            Assert.Inconclusive("strace is needed");
        }

        using var dir = new TempDirectory();
        var record = await RunAsync(["strace", "-o", "/dev/null", "/bin/true"], dir.Path);

        var events = record.Processes!.SelectMany(p => p.SyscallEvents ?? []).ToList();
        Assert.IsTrue(events.Any(e => e.Syscall == "ptrace"), string.Join(",", events.Select(e => e.Syscall)));
        var v02 = new CommandRunPredicate(record.Arguments, record.ExitCode, null, null, record.Processes!, record.CaptureMode).ToJsonV02();
        Assert.AreEqual("trace", v02["_meta"]!["captureMode"]!.GetValue<string>());
        Assert.IsTrue(v02["summary"]!["outliers"]!["suspiciousOps"]!["ptrace"]!.GetValue<int>() >= 1);
        Assert.IsTrue(((JsonArray)v02["processes"]!).Any(p => p!["syscalls"] is JsonArray));
    }

    [TestMethod]
    public async Task RunAsync_PtraceForbiddenBySeccomp_FailsWithCil5001()
    {
        using var dir = new TempDirectory();
        var helper = CompileNoPtraceHelper(dir);
        var wrapper = dir.WriteFile("tracer.sh", $"#!/bin/sh\nexec '{helper}' '{TracingCommandRunner.DefaultTracerPath}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var runner = new TracingCommandRunner(wrapper);
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => runner.RunAsync(Invocation(["true"], dir.Path), CancellationToken.None));

        Assert.AreEqual(TracingDiagnostics.PtraceUnavailable, e.Code);
        StringAssert.Contains(e.Message, "ptrace_scope");
    }

    [TestMethod]
    public async Task RunAsync_TracerMissing_FailsWithCil5002()
    {
        using var dir = new TempDirectory();
        var runner = new TracingCommandRunner(dir.Combine("absent"));
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => runner.RunAsync(Invocation(["true"], dir.Path), CancellationToken.None));
        Assert.AreEqual(TracingDiagnostics.TracerMissing, e.Code);
    }

    internal static CommandInvocation Invocation(IReadOnlyList<string> args, string cwd) =>
        new(args, cwd, Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!), TextWriter.Null, TextWriter.Null);

    private static Task<CommandRecord> RunAsync(IReadOnlyList<string> args, string cwd) =>
        new TracingCommandRunner().RunAsync(Invocation(args, cwd), CancellationToken.None);

    private static string CompileNoPtraceHelper(TempDirectory dir)
    {
        // Installs a seccomp filter that makes ptrace fail with EPERM (like a container's default profile), then execs.
        var source = Path.Combine(AppContext.BaseDirectory, "Assets", "noptrace.c");
        var output = dir.Combine("noptrace");
        var cc = ProcessRunner.Run("cc", ["-o", output, source]);
        if (cc.ExitCode != 0)
        {
            Assert.Inconclusive("cannot compile the seccomp helper: " + cc.Output);
        }

        return output;
    }
}

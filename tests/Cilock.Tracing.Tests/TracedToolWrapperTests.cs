using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Tracing.Tests;

[TestClass]
[TestCategory("Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TracedToolWrapperTests
{
    [TestMethod]
    public void Probe_PtraceAllowed_IsNull() => Assert.IsNull(TracedToolWrapper.Probe());

    [TestMethod]
    public void Probe_TracerMissing_IsCil5002()
    {
        using var dir = new TempDirectory();
        Assert.AreEqual(TracingDiagnostics.TracerMissing, TracedToolWrapper.Probe(dir.Combine("absent"))?.Code);
    }

    [TestMethod]
    public async Task Write_SingleFile_TracesToolWithCallerArguments()
    {
        using var dir = new TempDirectory("cilock test 'quoted'");
        var script = TracedToolWrapper.Write(dir.Combine("tool.sh"), ["/bin/sh", "-c", "cat \"$0\" > out.txt", "it's.txt"], dir.Combine("t.trace"), oneFilePerInvocation: false);
        dir.WriteFile("it's.txt", "hello");
        Assert.AreEqual(UnixFileMode.UserExecute, File.GetUnixFileMode(script) & UnixFileMode.UserExecute);

        var run = ProcessRunner.Run(script, [], dir.Path);
        var record = await TraceRecordFile.AttachAsync(new CommandRecord(["tool"], run.ExitCode), dir.Combine("t.trace"), CancellationToken.None);

        Assert.AreEqual(0, run.ExitCode, run.Output);
        Assert.AreEqual("hello", File.ReadAllText(dir.Combine("out.txt")));
        Assert.AreEqual(TracingCommandRunner.CaptureMode, record.CaptureMode);
        Assert.IsTrue(record.Processes!.Any(p => p.OpenedFiles.ContainsKey(dir.Combine("it's.txt"))), "the quoted argument reached the tool");
        Assert.IsTrue(record.Processes!.Any(p => p.WrittenFiles.ContainsKey(dir.Combine("out.txt"))));
        Assert.IsGreaterThan(TimeSpan.Zero, record.TraceDuration!.Value);
    }

    [TestMethod]
    public async Task Write_OneFilePerInvocation_KeepsEveryRun()
    {
        using var dir = new TempDirectory();
        var records = dir.Combine("records");
        var script = TracedToolWrapper.Write(dir.Combine("host.sh"), ["/bin/sh", "-c"], records, oneFilePerInvocation: true);

        Assert.AreEqual(0, ProcessRunner.Run(script, ["/bin/true"], dir.Path).ExitCode);
        Assert.AreEqual(0, ProcessRunner.Run(script, ["/bin/echo two"], dir.Path).ExitCode);
        var record = await TraceRecordFile.AttachAsync(new CommandRecord(["host"], 0), records, CancellationToken.None);

        Assert.HasCount(2, Directory.GetFiles(records, "*" + TraceRecordFile.Extension));
        CollectionAssert.IsSubsetOf(new[] { "/bin/true", "/bin/echo" }, record.Processes!.Select(p => p.Program).ToList());
    }

    [TestMethod]
    public async Task Write_OneFilePerInvocation_RunnerKillsTheScript_TraceStillCompletes()
    {
        using var dir = new TempDirectory();
        var records = dir.Combine("records");
        var script = TracedToolWrapper.Write(dir.Combine("host.sh"), ["/bin/sh", "-c"], records, oneFilePerInvocation: true);
        var start = new System.Diagnostics.ProcessStartInfo(script) { WorkingDirectory = dir.Path, UseShellExecute = false };
        start.ArgumentList.Add("sleep 1; echo done > out.txt");

        using (var runner = System.Diagnostics.Process.Start(start)!)
        {
            await Task.Delay(300);
            // What VSTest does to its test host once the run is over.
            runner.Kill();
            await runner.WaitForExitAsync();
        }

        // The reader waits for the tracer's lock, so the trace it reads is the whole one.
        var record = await TraceRecordFile.AttachAsync(new CommandRecord(["host"], 0), records, CancellationToken.None);

        Assert.AreEqual("done", File.ReadAllText(dir.Combine("out.txt")).Trim());
        Assert.IsTrue(record.Processes!.Any(p => p.Program?.EndsWith("/sleep", StringComparison.Ordinal) == true));
        Assert.IsTrue(record.Processes!.Any(p => p.WrittenFiles.ContainsKey(dir.Combine("out.txt"))));
    }

    [TestMethod]
    public async Task AttachAsync_NoRecords_IsCil5005()
    {
        using var dir = new TempDirectory();
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() =>
            TraceRecordFile.AttachAsync(new CommandRecord(["csc"], 0), dir.Combine("missing.trace"), CancellationToken.None));
        Assert.AreEqual(TracingDiagnostics.TraceIncomplete, e.Code);
    }

    [TestMethod]
    [DataRow("S\t10\t9\t1.0\nX\t10\t9\t/bin/true\ttrue\ttrue\n", TracingDiagnostics.TraceIncomplete, DisplayName = "truncated (no end record)")]
    [DataRow("S\t10\t9\nZ\t1\nR\t0\n", TracingDiagnostics.TraceIncomplete, DisplayName = "malformed record")]
    [DataRow("!\tptrace\t1\tOperation not permitted\n", TracingDiagnostics.PtraceUnavailable, DisplayName = "ptrace refused")]
    public async Task AttachAsync_BadRecords_IsCodedError(string content, string code)
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("records.trace", content);
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() =>
            TraceRecordFile.AttachAsync(new CommandRecord(["csc"], 0), file, CancellationToken.None));
        Assert.AreEqual(code, e.Code);
        StringAssert.StartsWith(e.Message, "CilockTrace:");
    }
}

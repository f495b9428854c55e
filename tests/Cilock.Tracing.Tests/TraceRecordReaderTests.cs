using Cilock.Attestation.Attestors.CommandRun;

namespace Cilock.Tracing.Tests;

[TestClass]
public sealed class TraceRecordReaderTests
{
    [TestMethod]
    public void Split_EscapedTabNewlineBackslash_Unescapes()
    {
        var fields = TraceRecordReader.Split("O\t12\t0\t/tmp/a\\tb\\nc\\\\d");

        CollectionAssert.AreEqual(new[] { "O", "12", "0", "/tmp/a\tb\nc\\d" }, fields);
    }

    [TestMethod]
    public void Apply_ExecWithEnvironment_KeepsNulSeparatedVariables()
    {
        var log = new TraceLog();
        Apply(log, "X\t3\t1\t/bin/sh\tsh\tsh\tA=1\\0B=x\\ty");

        Assert.AreEqual("A=1\0B=x\ty", log.Processes[3].Environment);
    }

    [TestMethod]
    [DataRow("0.5", "1970-01-01T00:00:00.500000000Z")]
    [DataRow("1700000000.000000001", "2023-11-14T22:13:20.000000001Z")]
    public void Timestamp_SecondsDotNanos_IsRfc3339Nanoseconds(string raw, string expected) =>
        Assert.AreEqual(expected, TraceRecordReader.Timestamp(raw));

    [TestMethod]
    public void Apply_ExecAfterFailedAttempts_ProgramIsLastAttempt()
    {
        var log = new TraceLog();
        Apply(log, "S\t10\t9");
        Apply(log, "E\t10\t/usr/local/bin/cat");
        Apply(log, "E\t10\t/usr/bin/cat");
        Apply(log, "X\t10\t9\t/usr/bin/cat\tcat\tcat x");
        Apply(log, "F\t10\t11");
        Apply(log, "Q\t11\t137");
        Apply(log, "R\t0");

        var root = log.Processes[10];
        Assert.AreEqual("/usr/bin/cat", root.Program);
        Assert.AreEqual("cat x", root.Cmdline);
        Assert.AreEqual(9, root.ParentPid);
        Assert.AreEqual(10, log.Processes[11].ParentPid);
        Assert.AreEqual(137, log.Processes[11].ExitCode);
        Assert.AreEqual(0, log.RootExitCode);
    }

    [TestMethod]
    public void Apply_ConnectAndEvent_AreDecoded()
    {
        var log = new TraceLog();
        Apply(log, "N\t5\t1.000000002\t3\t2\t127.0.0.1\t443");
        Apply(log, "Y\t5\t1.5\tptrace\tprocess tracing\t\t16,77");

        var p = log.Processes[5];
        Assert.AreEqual("AF_INET", p.Connections[0].Family);
        Assert.AreEqual(443, p.Connections[0].Port);
        Assert.AreEqual("ptrace", p.Events[0].Syscall);
        CollectionAssert.AreEqual(new long[] { 16, 77 }, p.Events[0].Args!.ToArray());
        Assert.IsNull(p.Events[0].Path);
    }

    [TestMethod]
    public void Apply_RepeatedIdenticalEvents_KeepsFirstOfEach()
    {
        var log = new TraceLog();
        Apply(log, "Y\t5\t1.1\tmprotect\tPROT_EXEC\t\t5");
        Apply(log, "Y\t5\t1.2\tmprotect\tPROT_EXEC\t\t5");
        Apply(log, "Y\t5\t1.3\tmprotect\tPROT_EXEC\t\t7");

        var events = log.Processes[5].Events;
        Assert.HasCount(2, events);
        Assert.AreEqual("1970-01-01T00:00:01.100000000Z", events[0].Timestamp);
    }

    [TestMethod]
    [DataRow("Z\t1")]
    [DataRow("O\t1\t0")]
    [DataRow("Q\tx\t0")]
    public void Apply_Malformed_Throws(string line) =>
        Assert.ThrowsExactly<FormatException>(() => Apply(new TraceLog(), line));

    [TestMethod]
    public void Apply_SocketAndFileOperations_AreRecorded()
    {
        var log = new TraceLog();
        Apply(log, "K\t5\t1.0\t2\t2\t0\t3");
        Apply(log, "M\t5\t1.1\trename\t/w/a.tmp\t/w/a\t-1\t0");
        Apply(log, "M\t5\t1.2\tunlink\t/w/b\t\t-1\t0");
        Apply(log, "M\t5\t1.3\trmdir\t/w/d\t\t-1\t0");
        Apply(log, "M\t5\t1.4\tchmod\t/w/a\t\t493\t0");

        var p = log.Processes[5];
        Assert.AreEqual(new SocketRecord("AF_INET", "SOCK_DGRAM", 0, 3), p.Sockets.Single());
        CollectionAssert.AreEqual(
            new[] { "rename /w/a.tmp>/w/a", "delete /w/b>", "delete /w/d>", "chmod /w/a>493" },
            p.FileOps.Select(op => $"{op.Kind} {op.Path}>{op.NewPath}{op.Mode}").ToArray());
        Assert.AreEqual("1970-01-01T00:00:01.100000000Z", p.FileOps[0].Timestamp);
    }

    [TestMethod]
    public void Apply_UnknownFileOperation_Throws() =>
        Assert.ThrowsExactly<FormatException>(() => Apply(new TraceLog(), "M\t5\t1.0\tlink\t/a\t/b\t-1\t0"));

    [TestMethod]
    public void Apply_StartAndEndTimes_GiveDuration()
    {
        var log = new TraceLog();
        Apply(log, "S\t10\t9\t100.250000000");
        Apply(log, "R\t0\t102.750000000");

        Assert.AreEqual(TimeSpan.FromSeconds(2.5), log.Duration);
    }

    [TestMethod]
    public void Apply_ExecWithSpeculationStatus_KeepsIt()
    {
        var log = new TraceLog();
        Apply(log, "X\t3\t1\t/bin/sh\tsh\tsh\t\tthread vulnerable");

        Assert.AreEqual("thread vulnerable", log.Processes[3].SpeculationStoreBypass);
    }

    [TestMethod]
    [DataRow("thread vulnerable", true)]
    [DataRow("vulnerable", true)]
    [DataRow("not vulnerable", false)]
    [DataRow("thread force mitigated", false)]
    [DataRow("globally mitigated", false)]
    [DataRow("unknown", null)]
    [DataRow(null, null)]
    public void SpecBypass_KernelStatus_MapsToWitnessFlag(string? status, bool? expected) =>
        Assert.AreEqual(expected, TraceAssembler.SpecBypass(status));

    private static string? Apply(TraceLog log, string line) => TraceRecordReader.Apply(log, line, out _, out _);
}

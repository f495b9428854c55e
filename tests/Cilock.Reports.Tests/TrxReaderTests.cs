using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Attestors;
using Cilock.Reports.TestResults;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class TrxReaderTests
{
    private const string Start = "2026-01-01T00:00:00+00:00";
    private const string Finish = "2026-01-01T00:00:02.5+00:00";

    private static TestRunReport Parse(string trx, string? root = null) =>
        TrxReader.Parse(new MemoryStream(Encoding.UTF8.GetBytes(trx)), "test.trx", root);

    [TestMethod]
    public void Parse_RealMixedRun_CountsFromResultsNotCounters()
    {
        var report = Parse(TrxSamples.Mixed);

        // The Counters element claims 99 of everything: the reader must recompute from the results.
        Assert.AreEqual(new TestRunSummary(8, 2, 4, 2, 0, 0.8968183), report.Summary);
        Assert.AreEqual("trx", report.Format);
        Assert.AreEqual("mstestadapter", report.ToolName);
        Assert.AreEqual("v4", report.ToolVersion);
        CollectionAssert.AreEqual(new[] { "Sample.Tests" }, report.Suites.ToArray());
        CollectionAssert.AreEqual(new[] { "Add_Fails", "Rows (2)", "Throws", "Slow" }, report.FailedTests.Select(t => t.Name).ToArray());
    }

    [TestMethod]
    public void Parse_FailedTest_KeepsMessageClassSuiteDurationAndStackTrace()
    {
        var failed = Parse(TrxSamples.Mixed).FailedTests[0];

        Assert.AreEqual("Sample.Tests.CalcTests", failed.ClassName);
        Assert.AreEqual("Sample.Tests", failed.Suite);
        Assert.AreEqual("Failed", failed.Outcome);
        Assert.AreEqual(0.0098852, failed.DurationSeconds, 1e-9);
        StringAssert.Contains(failed.Message, "math is broken");
        StringAssert.Contains(failed.StackTrace, "Sample.Tests.CalcTests.Add_Fails()");
        Assert.AreEqual("Sample.Tests.CalcTests.Add_Fails", failed.QualifiedName);
    }

    [TestMethod]
    public void Parse_EscapedXmlAndCrLf_DecodedAndNormalised()
    {
        var throws = Parse(TrxSamples.Mixed).FailedTests.Single(t => t.Name == "Throws");

        Assert.AreEqual("Test method Sample.Tests.CalcTests.Throws threw exception:\nSystem.InvalidOperationException: boom <xml> & stuff", throws.Message);
    }

    [TestMethod]
    public void Parse_WithRepositoryRoot_StackTracePathsBecomeRelative()
    {
        var failed = Parse(TrxSamples.Mixed, TrxSamples.Root).FailedTests[0];

        Assert.DoesNotContain(TrxSamples.Root, failed.StackTrace!);
        StringAssert.Contains(failed.StackTrace, "in tests/Sample.Tests/Tests.cs:line 7");
    }

    [TestMethod]
    [DataRow("Passed", 1, 0, 0, 0)]
    [DataRow("PassedButRunAborted", 1, 0, 0, 0)]
    [DataRow("Warning", 1, 0, 0, 0)]
    [DataRow("Failed", 0, 1, 0, 0)]
    [DataRow("Timeout", 0, 1, 0, 0)]
    [DataRow("NotExecuted", 0, 0, 1, 0)]
    [DataRow("Inconclusive", 0, 0, 1, 0)]
    [DataRow("NotRunnable", 0, 0, 1, 0)]
    [DataRow("Pending", 0, 0, 1, 0)]
    [DataRow("Error", 0, 0, 0, 1)]
    [DataRow("Aborted", 0, 0, 0, 1)]
    [DataRow("Disconnected", 0, 0, 0, 1)]
    [DataRow("InProgress", 0, 0, 0, 1)]
    [DataRow("SomethingNew", 0, 0, 0, 1)]
    public void Parse_Outcome_MapsToJUnitCounts(string outcome, int passed, int failed, int skipped, int errors)
    {
        var report = Parse(TrxSamples.Build(Start, Finish, ("T1", outcome, "C", null, null, null)));

        Assert.AreEqual(new TestRunSummary(1, passed, failed, skipped, errors, 2.5), report.Summary);
        Assert.HasCount(failed + errors, report.FailedTests);
    }

    [TestMethod]
    public void Parse_TimeoutWithoutMessage_GetsATimeoutMessage()
    {
        var test = Parse(TrxSamples.Build(Start, Finish, ("Slow", "Timeout", "C", null, null, null))).FailedTests.Single();

        Assert.AreEqual("Timeout", test.Outcome);
        Assert.AreEqual("the test timed out", test.Message);
    }

    [TestMethod]
    public void Parse_ManyFailures_ListCappedCountsExact()
    {
        var results = Enumerable.Range(0, 120).Select(i => ($"T{i}", "Failed", "C", (string?)null, (string?)"no", (string?)null)).ToArray();

        var report = Parse(TrxSamples.Build(Start, Finish, results));

        Assert.AreEqual(120, report.Summary.Failed);
        Assert.HasCount(TrxReader.MaxFailedTests, report.FailedTests);
    }

    [TestMethod]
    public void Parse_LongMessage_Bounded()
    {
        var report = Parse(TrxSamples.Build(Start, Finish, ("T", "Failed", "C", null, new string('x', 10_000), null)));

        Assert.AreEqual(TrxReader.MaxTextLength + 1, report.FailedTests[0].Message!.Length);
    }

    [TestMethod]
    public void Parse_DataDrivenParentWithoutMessage_TakesFirstFailingRow()
    {
        const string trx = """
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="a" testName="Rows" outcome="Failed">
                  <InnerResults>
                    <UnitTestResult testId="a" testName="Rows (1)" outcome="Passed" />
                    <UnitTestResult testId="a" testName="Rows (2)" outcome="Failed"><Output><ErrorInfo><Message>row 2 broke</Message></ErrorInfo></Output></UnitTestResult>
                  </InnerResults>
                </UnitTestResult>
              </Results>
            </TestRun>
            """;

        var report = Parse(trx);

        Assert.AreEqual(1, report.Summary.Total);
        Assert.AreEqual("row 2 broke", report.FailedTests.Single().Message);
        Assert.IsNull(report.FailedTests[0].ClassName);
        Assert.AreEqual("Rows", report.FailedTests[0].QualifiedName);
    }

    [TestMethod]
    public void Parse_CountersOnly_FallsBackToCounters()
    {
        const string trx = """
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Failed"><Counters total="10" passed="6" failed="2" timeout="1" error="1" notExecuted="0" /></ResultSummary>
            </TestRun>
            """;

        Assert.AreEqual(new TestRunSummary(10, 6, 3, 0, 1, 0), Parse(trx).Summary);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("not xml at all", DisplayName = "text")]
    [DataRow("<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results>", DisplayName = "truncated")]
    [DataRow("<testsuites><testsuite name=\"x\"/></testsuites>", DisplayName = "junit")]
    [DataRow("<TestRun xmlns=\"urn:other\"/>", DisplayName = "other namespace")]
    [DataRow("<!DOCTYPE TestRun [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><TestRun>&x;</TestRun>", DisplayName = "external entity")]
    public void Parse_NotTrx_ThrowsCil2133(string content)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => Parse(content));

        Assert.AreEqual(ReportReaderDiagnostics.TestReportUnusable, e.Code);
    }

    [TestMethod]
    public void Read_MissingFile_ThrowsCil2133()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => TrxReader.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".trx")));

        Assert.AreEqual(ReportReaderDiagnostics.TestReportUnusable, e.Code);
    }

    [TestMethod]
    [DataRow("\uFEFF<?xml version=\"1.0\"?>\n<TestRun id=\"1\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">", true)]
    [DataRow("<TestRun xmlns=\"urn:other\">", false)]
    [DataRow("{\"version\":\"2.1.0\"}", false)]
    [DataRow("<testsuites>", false)]
    public void LooksLikeTrx_Head_DetectsByContent(string head, bool expected) =>
        Assert.AreEqual(expected, TrxReader.LooksLikeTrx(Encoding.UTF8.GetBytes(head)));
}

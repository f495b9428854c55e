namespace Cilock.Sdk.TestingPlatform.Tests;

[TestClass]
public sealed class TestRunArgumentsTests
{
    [TestMethod]
    public void WithTrxRequest_UserAskedForNone_AddsTheSdkRequest()
    {
        var result = TestRunArguments.WithTrxRequest(["--server", "dotnettestcli"], "/r/tr", "c.trx");

        CollectionAssert.AreEqual(
            new[] { "--server", "dotnettestcli", "--report-trx", "--report-trx-filename", "c.trx", "--results-directory", "/r/tr" },
            result.ToArray());
    }

    [TestMethod]
    public void WithTrxRequest_UserAskedForTrx_KeepsTheUsersArguments()
    {
        string[] user = ["--report-trx", "--report-trx-filename", "mine.trx"];

        var result = TestRunArguments.WithTrxRequest(user, "/r/tr", "c.trx");

        CollectionAssert.AreEqual(user, result.ToArray(), "a second --report-trx is an MTP error");
    }

    [TestMethod]
    public void WithTrxRequest_UserResultsDirectory_AddsOnlyTheReport()
    {
        var result = TestRunArguments.WithTrxRequest(["--results-directory", "out"], "/r/tr", "c.trx");

        CollectionAssert.AreEqual(new[] { "--results-directory", "out", "--report-trx", "--report-trx-filename", "c.trx" }, result.ToArray());
    }

    [TestMethod]
    public void WithTrxRequest_SdkAsksForNone_Unchanged()
    {
        string[] user = ["--filter", "X"];

        Assert.AreSame(user, TestRunArguments.WithTrxRequest(user, null, null));
    }

    [TestMethod]
    public void ReportPath_RelativeResultsDirectory_ResolvedAgainstWorkingDirectory()
    {
        var cwd = Path.Combine(Path.GetTempPath(), "wd");

        var path = TestRunArguments.ReportPath(["--report-trx", "--report-trx-filename", "a.trx", "--results-directory", "out"], cwd);

        Assert.AreEqual(Path.Combine(cwd, "out", "a.trx"), path);
    }

    [TestMethod]
    public void ReportPath_NoResultsDirectory_PlatformDefaultTestResults()
    {
        var cwd = Path.Combine(Path.GetTempPath(), "wd");

        Assert.AreEqual(Path.Combine(cwd, "TestResults", "a.trx"), TestRunArguments.ReportPath(["--report-trx", "--report-trx-filename", "a.trx"], cwd));
    }

    [TestMethod]
    [DataRow("--report-trx")]
    [DataRow("--report-trx-filename a.trx")]
    [DataRow("")]
    public void ReportPath_NameUnknownOrNoReport_Null(string arguments)
    {
        var args = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.IsNull(TestRunArguments.ReportPath(args, Path.GetTempPath()));
    }

    [TestMethod]
    public void Recorded_DotnetTestProtocolOptions_Dropped()
    {
        var recorded = TestRunArguments.Recorded("/r/bin/App", ["--server", "dotnettestcli", "--dotnet-test-pipe", "/tmp/4f1e", "--filter", "X"]);

        CollectionAssert.AreEqual(new[] { "/r/bin/App", "--filter", "X" }, recorded.ToArray());
    }

    [TestMethod]
    [DataRow("--list-tests", false)]
    [DataRow("--help", false)]
    [DataRow("-?", false)]
    [DataRow("--info", false)]
    [DataRow("--filter", true)]
    public void RunsTests_InformationOptions_False(string option, bool runs)
    {
        Assert.AreEqual(runs, TestRunArguments.RunsTests(["--server", "dotnettestcli", option]));
    }
}

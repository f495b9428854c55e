using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

[TestClass]
public sealed class ReportCliTests
{
    [TestMethod]
    public void Report_EvidenceFile_WritesSelfContainedHtml()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var evidence = ArchivistaCliTests.WriteEnvelope(dir, key, dir.Combine("build.json"));
        var html = dir.Combine("out", "report.html");

        var result = CliHarness.Invoke("report", evidence, "--html", html, "--title", "Nightly <build>");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "(1 steps)");
        var page = File.ReadAllText(html);
        StringAssert.Contains(page, "<title>Nightly &lt;build&gt;</title>");
        StringAssert.Contains(page, "<span class=\"step-name\">build</span>");
        StringAssert.Contains(page, "default-src 'none'");
    }

    [TestMethod]
    public void Report_MissingInput_Exit2Cil1740AndNoFile()
    {
        using var dir = new TempDirectory();
        var html = dir.Combine("report.html");

        var result = CliHarness.Invoke("report", dir.Combine("missing.json"), "--html", html);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "error CIL1740");
        Assert.IsFalse(File.Exists(html));
    }
}

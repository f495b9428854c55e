using System.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Reporting;

/// <summary>The report in a real headless Chromium (Debian package <c>chromium</c>; .ci/run installs it).</summary>
[TestClass]
public sealed class ReportBrowserTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void Chromium_Report_RendersFactsWithoutConsoleErrorsOrInjectedScript()
    {
        var chromium = FindChromium() ?? throw new AssertInconclusiveException("chromium is not installed (apt-get install chromium)");
        using var dir = new TempDirectory();
        var vsa = dir.Combine("vsa.json");
        File.WriteAllText(vsa, ReportEvidence.Vsa(passed: true).ToJsonString());
        ReportOperationTests.Render(dir, out _, [vsa]);
        var page = new Uri(dir.Combine("report.html")).AbsoluteUri;

        var (exit, dom, log) = Run(chromium, dir.Combine("profile"), page);

        Assert.AreEqual(0, exit, log);
        StringAssert.Contains(dom, "data-rendered=\"true\"", "the page's script ran to the end");
        StringAssert.Contains(dom, "Verification PASSED");
        StringAssert.Contains(dom, ReportEvidence.DllDigest);
        StringAssert.Contains(dom, "pkg:nuget/Newtonsoft.Json@13.0.3");
        StringAssert.Contains(dom, "<svg id=\"step-graph\"");
        StringAssert.Contains(dom, "&lt;script&gt;alert('owned')&lt;/script&gt;.dll", "the hostile name is text in the DOM");
        Assert.IsFalse(dom.Contains("<script>alert", StringComparison.Ordinal));
        foreach (var line in log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("Content Security Policy", StringComparison.Ordinal)))
        {
            Assert.Fail("console message from the page: " + line);
        }
    }

    private static (int Exit, string Dom, string Log) Run(string chromium, string profile, string url)
    {
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}", "--virtual-time-budget=3000", "--dump-dom", url })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 90 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable("CILOCK_CHROMIUM");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => path.Split(Path.PathSeparator).Select(d => Path.Combine(d, name)))
            .FirstOrDefault(File.Exists);
    }
}

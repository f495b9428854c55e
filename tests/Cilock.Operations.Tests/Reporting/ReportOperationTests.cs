using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Reporting;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Reporting;

[TestClass]
public sealed class ReportOperationTests
{
    [TestMethod]
    public void Execute_PackageSidecar_ShowsEveryKindOfEvidence()
    {
        using var dir = new TempDirectory();
        var html = Render(dir, out var steps);

        Assert.AreEqual(2, steps);
        StringAssert.Contains(html, "<title>Evidence for Hello.Lib.1.0.0.nupkg</title>");
        StringAssert.Contains(html, ReportEvidence.DllDigest);
        StringAssert.Contains(html, ReportEvidence.NupkgDigest);
        StringAssert.Contains(html, "dotnet build");
        StringAssert.Contains(html, "pkg:nuget/Newtonsoft.Json@13.0.3");
        StringAssert.Contains(html, "CA2100");
        StringAssert.Contains(html, "Review SQL queries");
        StringAssert.Contains(html, "12 total, 11 passed");
        StringAssert.Contains(html, "Lib.Tests.Parse_Empty_Throws");
        StringAssert.Contains(html, ReportEvidence.SecretSha);
        StringAssert.Contains(html, "https://github.com/octo-org/hello-lib/actions/runs/42");
        StringAssert.Contains(html, "repo:octo-org/hello-lib:ref:refs/heads/main");
        Assert.IsFalse(html.Contains("oy2ab3c4", StringComparison.Ordinal), "secret context is never shown, only hashes");
        Assert.IsFalse(html.Contains("id=\"verdict\"", StringComparison.Ordinal), "no verdict section without a verification summary");
    }

    [TestMethod]
    public void Execute_HostileFileName_EncodedNeverMarkup()
    {
        using var dir = new TempDirectory();
        var html = Render(dir, out _);

        Assert.IsFalse(html.Contains("<script>alert", StringComparison.Ordinal));
        StringAssert.Contains(html, "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;.dll");
        Assert.AreEqual(1, CountOf(html, "<script>"), "only the page's own script");
    }

    [TestMethod]
    public void Execute_NoExternalReferences()
    {
        using var dir = new TempDirectory();
        var html = Render(dir, out _);

        StringAssert.Contains(html, "default-src 'none'");
        foreach (var pattern in new[] { "src=\"http", "href=\"http", "@import", "url(http" })
        {
            Assert.IsFalse(html.Contains(pattern, StringComparison.OrdinalIgnoreCase), pattern);
        }
    }

    [TestMethod]
    public void Execute_BuildProductsArePackMaterials_GraphEdge()
    {
        using var dir = new TempDirectory();
        var html = Render(dir, out _);

        StringAssert.Contains(html, "<svg id=\"step-graph\"");
        Assert.AreEqual(1, CountOf(html, "marker-end=\"url(#arrow)\""), "build → pack");
        StringAssert.Contains(html, "<title>1 file(s)</title>");
    }

    [TestMethod]
    public void Execute_FailedVerificationSummary_VerdictWithEncodedReasons()
    {
        using var dir = new TempDirectory();
        var vsa = dir.Combine("vsa.json");
        File.WriteAllText(vsa, ReportEvidence.Vsa(passed: false).ToJsonString());
        var html = Render(dir, out _, [vsa]);

        StringAssert.Contains(html, "class=\"verdict FAILED\">Verification FAILED");
        StringAssert.Contains(html, "CIL3201: deny: secret &lt;b&gt;found&lt;/b&gt;");
    }

    [TestMethod]
    public void Execute_PackageWithoutSidecar_Cil1740AndNoFile()
    {
        using var dir = new TempDirectory();
        var package = dir.Combine("x.nupkg");
        File.WriteAllText(package, "zip");
        var output = dir.Combine("report.html");

        var e = Assert.ThrowsExactly<CilockException>(() => ReportOperation.Execute(new ReportOptions { Inputs = [package], OutputPath = output }, new List<Diagnostic>()));

        Assert.AreEqual(CiDiagnostics.ReportInputInvalid, e.Code);
        Assert.IsFalse(File.Exists(output));
    }

    internal static string Render(TempDirectory dir, out int steps, IReadOnlyList<string>? vsa = null)
    {
        var output = dir.Combine("report.html");
        ReportOperation.Execute(new ReportOptions { Inputs = [WritePackage(dir)], OutputPath = output, VerificationSummaries = vsa ?? [] }, new List<Diagnostic>());
        var html = File.ReadAllText(output);
        steps = CountOf(html, "<section class=\"step\"");
        return html;
    }

    internal static string WritePackage(TempDirectory dir)
    {
        var signer = TestKeys.Ephemeral();
        var package = dir.Combine("Hello.Lib.1.0.0.nupkg");
        File.WriteAllText(package, "zip bytes");
        File.WriteAllText(package + ".intoto.jsonl", ReportEvidence.Build(signer).ToJson() + "\n" + ReportEvidence.Pack(signer).ToJson() + "\n");
        return package;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

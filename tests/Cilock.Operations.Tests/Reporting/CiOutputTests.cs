using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Reporting;
using Cilock.Operations.Verification;
using Cilock.Policy.Verification;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Reporting;

[TestClass]
public sealed class CiOutputTests
{
    [TestMethod]
    public void Annotation_GitHub_FileLineTitleAndEscapedMessage()
    {
        var d = new Diagnostic("CIL3102", DiagnosticSeverity.Error, "step build failed: 50% bad\n::error::injected", "src/a,b:c.cs", 12);

        var line = CiAnnotations.Format(d, "github");

        Assert.AreEqual("::error file=src/a%2Cb%3Ac.cs,line=12,title=CIL3102::CIL3102: step build failed: 50%25 bad%0A::error::injected", line);
        Assert.IsFalse(line!.Contains('\n'), "a message cannot start a second workflow command");
    }

    [TestMethod]
    public void Annotation_Azure_LogIssueEscaped()
    {
        var d = Diagnostic.Warning("CIL1714", "not uploaded; retry]", "build.json");

        Assert.AreEqual("##vso[task.logissue type=warning;sourcepath=build.json;code=CIL1714]CIL1714: not uploaded%3B retry%5D", CiAnnotations.Format(d, "azure-pipelines"));
    }

    [TestMethod]
    [DataRow("gitlab")]
    [DataRow(null)]
    public void Annotation_NoCommandPlatform_Nothing(string? platform) =>
        Assert.IsNull(CiAnnotations.Format(Diagnostic.Error("CIL1", "x"), platform));

    [TestMethod]
    public void Annotation_Info_Nothing() =>
        Assert.IsNull(CiAnnotations.Format(new Diagnostic("CIL1", DiagnosticSeverity.Info, "x"), "github"));

    [TestMethod]
    [DataRow("github", "::group::Verify report", "::endgroup::")]
    [DataRow("azure-pipelines", "##[group]Verify report", "##[endgroup]")]
    [DataRow("gitlab", "\u001b[0Ksection_start:1764662400:cilock_verify[collapsed=true]\r\u001b[0KVerify report", "\u001b[0Ksection_end:1764662400:cilock_verify\r\u001b[0K")]
    public void Section_PerPlatform_OpensAndCloses(string platform, string start, string end)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var time = new FixedTime(new DateTimeOffset(2025, 12, 2, 8, 0, 0, TimeSpan.Zero));
        using (CiLogSection.Open(writer, "cilock verify", "Verify report", platform, time))
        {
            writer.WriteLine("body");
        }

        Assert.AreEqual($"{start}\nbody\n{end}\n", writer.ToString());
    }

    [TestMethod]
    public void JobSummary_FailedVerification_StepsReasonsEscaped()
    {
        var verification = new PolicyVerificationResult
        {
            Passed = false,
            PolicyDigest = "ab12",
            Diagnostics = [],
            Steps =
            [
                new StepVerdict("build", true, ["build.attestation.json"], []),
                new StepVerdict("pack", false, [], [new CandidateRejection("pack", "pack.json", Diagnostic.Error("CIL3104", "artifact | <img src=x> mismatch"))]),
            ],
        };
        var result = new VerifyResult(1, [Diagnostic.Error("CIL3104", "artifact mismatch")], verification, null);

        var md = CiJobSummary.ForVerification(result, "Hello.Lib.1.0.0.nupkg");

        StringAssert.StartsWith(md, "### ❌ cilock verify: FAILED — Hello.Lib.1.0.0.nupkg");
        StringAssert.Contains(md, "| build | pass | build.attestation.json |");
        StringAssert.Contains(md, "| pack | **fail** | CIL3104: artifact \\| &lt;img src=x&gt; mismatch |");
        StringAssert.Contains(md, "- `CIL3104` artifact mismatch");
    }

    [TestMethod]
    public void JobSummary_Append_OnlyInGitHubAndAppends()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("summary.md");
        File.WriteAllText(file, "earlier step\n");
        var diagnostics = new List<Diagnostic>();

        Assert.IsFalse(CiJobSummary.Append("x", new Dictionary<string, string>(), diagnostics));
        Assert.IsTrue(CiJobSummary.Append("### ok", new Dictionary<string, string> { [CiJobSummary.Variable] = file }, diagnostics));

        Assert.AreEqual("earlier step\n### ok\n", File.ReadAllText(file));
        Assert.IsTrue(CiJobSummary.Append("y", new Dictionary<string, string> { [CiJobSummary.Variable] = dir.Combine("missing", "s.md") }, diagnostics) is false);
        Assert.AreEqual(CiDiagnostics.CiOutputFailed, diagnostics.Single().Code);
    }

    [TestMethod]
    public void JobSummary_Evidence_StepsSignersAndPackageDigest()
    {
        using var dir = new TempDirectory();
        var package = ReportOperationTests.WritePackage(dir);

        var md = CiJobSummary.ForEvidence([package], new List<Diagnostic>());

        StringAssert.Contains(md, "### 🔏 cilock evidence: Evidence for Hello.Lib.1.0.0.nupkg");
        StringAssert.Contains(md, "| pack | keyid ");
        StringAssert.Contains(md, "bin/Hello.Lib.1.0.0.nupkg " + ReportEvidence.NupkgDigest);
    }

    [TestMethod]
    public void JobSummary_MerkleTreeEvidence_ListsEachPackageOnce()
    {
        using var dir = new TempDirectory();
        var package = dir.Combine("Hello.Lib.1.0.0.nupkg");
        File.WriteAllText(package, "zip bytes");
        File.WriteAllText(package + ".intoto.jsonl", ReportEvidence.PackTree(TestKeys.Ephemeral()).ToJson() + "\n");

        var md = CiJobSummary.ForEvidence([package], new List<Diagnostic>());

        var row = md.Split('\n').Single(l => l.StartsWith("| pack |", StringComparison.Ordinal));
        Assert.AreEqual(1, row.Split("bin/Hello.Lib.1.0.0.nupkg").Length - 1, row);
        StringAssert.EndsWith(row, "| 2 |", "two products, each counted once");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

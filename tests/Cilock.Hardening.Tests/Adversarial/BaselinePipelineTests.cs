using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Publishing;

namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>The untampered pipeline passes and is pushed; without this every denial below would prove nothing.</summary>
[TestClass]
public sealed class BaselinePipelineTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void Verify_UntamperedPipeline_PassesEveryStep()
    {
        using var ws = new TamperWorkspace(Pipeline.Baseline);

        var result = ws.Verify();

        Assert.AreEqual(0, result.ExitCode, string.Join("\n", result.Diagnostics));
        Assert.IsFalse(result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error));
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Push_UntamperedPipeline_PublishesExactlyThePackage()
    {
        using var ws = new TamperWorkspace(Pipeline.Baseline);

        var result = ws.Push();

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, string.Join("\n", result.Diagnostics));
        var published = Directory.EnumerateFiles(ws.Feed, "*.nupkg", SearchOption.AllDirectories).Single();
        CollectionAssert.AreEqual(File.ReadAllBytes(ws.Artifact), File.ReadAllBytes(published));
    }
}

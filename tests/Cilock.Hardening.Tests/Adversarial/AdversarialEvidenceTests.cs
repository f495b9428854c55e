using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Publishing;

namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>
/// Issue #12 §2: every tamper class of <see cref="TamperCatalog"/> is applied to a private copy of a valid three-step
/// pipeline; <c>cilock verify</c> (VerifyOperation, the CLI's code path) must deny with the coded reason of the class,
/// never crash, and the verify-then-push gate must leave the folder feed empty.
/// </summary>
[TestClass]
public sealed class AdversarialEvidenceTests
{
    public static IEnumerable<object[]> Classes => TamperCatalog.All.Select(c => new object[] { c.Name });

    [TestMethod]
    public void Catalog_HasAtLeastThirtyDistinctClasses()
    {
        Assert.IsGreaterThanOrEqualTo(30, TamperCatalog.All.Count);
        Assert.AreEqual(TamperCatalog.All.Count, TamperCatalog.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [TestMethod]
    [TestCategory("Integration")]
    [DynamicData(nameof(Classes))]
    public void Verify_TamperClass_DeniedWithReasonAndNothingPushed(string name)
    {
        var tamper = TamperCatalog.All.Single(c => c.Name == name);
        using var ws = new TamperWorkspace(Pipeline.Baseline);
        tamper.Apply(ws);

        var verify = ws.Verify();

        var all = string.Join("\n", verify.Diagnostics.Select(d => $"{d.Severity} {d.Code}: {d.Message}"));
        Assert.AreEqual(1, verify.ExitCode, $"{name} was not denied (exit {verify.ExitCode}):\n{all}");
        Assert.IsFalse(verify.Diagnostics.Any(d => d.Code == "CIL1999" || d.Code == "CIL3817"), $"{name} crashed the verifier:\n{all}");
        var reasons = verify.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Code == "CIL3114").ToList();
        Assert.IsTrue(reasons.Any(d => tamper.ExpectedCodes.Contains(d.Code)), $"{name}: expected one of {string.Join(", ", tamper.ExpectedCodes)}:\n{all}");
        if (tamper.ReasonFragment is { } fragment)
        {
            Assert.IsTrue(reasons.Any(d => d.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase)), $"{name}: no reason mentions '{fragment}':\n{all}");
        }

        var push = ws.Push();

        Assert.AreNotEqual(PublishOutcome.Pushed, push.Outcome, $"{name} was pushed");
        Assert.IsEmpty(Directory.EnumerateFileSystemEntries(ws.Feed, "*", SearchOption.AllDirectories).ToList(), $"{name}: the feed is not empty");
    }
}

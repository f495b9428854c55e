using Cilock.Policy.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Policy.Tests.Model;

[TestClass]
public sealed class PolicyDiagnosticsTests
{
    [TestMethod]
    public void EveryCode_IsDocumentedOnceAndUnique()
    {
        var docs = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md"));

        Assert.AreEqual(PolicyDiagnostics.All.Count, PolicyDiagnostics.All.Distinct().Count(), "a code is listed twice");
        foreach (var code in PolicyDiagnostics.All)
        {
            Assert.AreEqual(1, docs.Count(l => l.Trim() == $"## {code}"), $"{code} must have exactly one '## {code}' section in docs/diagnostics.md");
        }
    }

    [TestMethod]
    public void EveryCode_IsInThePolicyRange() =>
        Assert.IsTrue(PolicyDiagnostics.All.All(c => c.Length == 7 && (c.StartsWith("CIL30", StringComparison.Ordinal) || c.StartsWith("CIL31", StringComparison.Ordinal) || c.StartsWith("CIL32", StringComparison.Ordinal))));
}

using System.Reflection;
using Cilock.Sigstore.Verification;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class VerificationDiagnosticsTests
{
    private static IReadOnlyList<string> Codes() =>
        [.. typeof(SigstoreDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!)];

    [TestMethod]
    public void Codes_AreUniqueAndInTheVerificationRange()
    {
        var codes = Codes();
        Assert.HasCount(codes.Distinct(StringComparer.Ordinal).Count(), codes);
        foreach (var code in codes)
        {
            StringAssert.Matches(code, new System.Text.RegularExpressions.Regex("^CIL60[0-9]{2}$"));
        }
    }

    [TestMethod]
    public void Codes_EachHasADocsSection()
    {
        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md"));
        foreach (var code in Codes())
        {
            StringAssert.Contains(docs, $"\n## {code}\n", $"{code} needs a section in docs/diagnostics.md");
        }
    }
}

using System.Reflection;
using Cilock.Gate.Server.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Gate.Server.Tests.Diagnostics;

[TestClass]
public sealed class AdmissionDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueCil39AndDocumentedOnce()
    {
        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md"));
        var codes = typeof(AdmissionDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.IsNotEmpty(codes);
        Assert.AreEqual(codes.Count, codes.Distinct(StringComparer.Ordinal).Count(), "a code is used twice");
        foreach (var code in codes)
        {
            StringAssert.StartsWith(code, "CIL39");
            var heading = $"\n## {code}\n";
            var first = docs.IndexOf(heading, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, first, $"{code} has no section in docs/diagnostics.md");
            Assert.AreEqual(first, docs.LastIndexOf(heading, StringComparison.Ordinal), $"{code} is documented twice");
        }
    }
}

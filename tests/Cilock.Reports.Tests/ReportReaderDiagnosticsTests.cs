using System.Reflection;
using Cilock.Reports.Attestors;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class ReportReaderDiagnosticsTests
{
    [TestMethod]
    public void Catalog_EveryCode_IsUniqueInRangeAndDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md"));
        var codes = typeof(ReportReaderDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.IsNotEmpty(codes);
        Assert.AreEqual(codes.Count, codes.Distinct(StringComparer.Ordinal).Count(), "a code is used twice");
        foreach (var code in codes)
        {
            var number = int.Parse(code[3..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.IsTrue(code.StartsWith("CIL", StringComparison.Ordinal) && number is >= 2130 and <= 2159, code);
            StringAssert.Contains(docs, $"\n## {code}\n", $"{code} has no section in docs/diagnostics.md");
        }
    }
}

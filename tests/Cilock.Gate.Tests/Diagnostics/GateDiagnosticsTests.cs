using System.Reflection;
using Cilock.Gate.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Gate.Tests.Diagnostics;

[TestClass]
public sealed class GateDiagnosticsTests
{
    private static IEnumerable<string> Codes =>
        typeof(GateDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    [TestMethod]
    public void Catalog_EveryCode_IsUniqueGateCodeAndDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md"));
        var codes = Codes.ToList();

        Assert.AreEqual(codes.Count, codes.Distinct(StringComparer.Ordinal).Count(), "a code is used twice");
        foreach (var code in codes)
        {
            StringAssert.StartsWith(code, "CIL38");
            StringAssert.Contains(docs, $"\n## {code}\n", $"{code} has no section in docs/diagnostics.md");
        }
    }
}

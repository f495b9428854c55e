using System.Reflection;
using Cilock.Attestation.Attestors.Ci;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.Ci;

[TestClass]
public sealed class CiDiagnosticsTests
{
    public static IEnumerable<object[]> Codes() =>
        typeof(CiDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => new object[] { f.Name, (string)f.GetRawConstantValue()! });

    [TestMethod]
    [DynamicData(nameof(Codes))]
    public void Code_IsInRangeAndDocumented(string name, string code)
    {
        StringAssert.Matches(code, new System.Text.RegularExpressions.Regex("^CIL17[0-9]{2}$"), name);
        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md"));
        StringAssert.Contains(docs, $"\n## {code}\n", $"{name} ({code}) is not documented in docs/diagnostics.md");
    }

    [TestMethod]
    public void Codes_AreUnique()
    {
        var codes = Codes().Select(c => (string)c[1]).ToList();

        Assert.HasCount(codes.Distinct().Count(), codes);
    }
}

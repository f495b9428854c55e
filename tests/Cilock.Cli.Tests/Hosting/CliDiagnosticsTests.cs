using System.Reflection;
using Cilock.Cli.Hosting;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Hosting;

[TestClass]
public sealed class CliDiagnosticsTests
{
    public static IEnumerable<object[]> Codes() =>
        typeof(CliDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic)
            .Where(f => f.IsLiteral)
            .Select(f => new object[] { f.Name, (string)f.GetRawConstantValue()! });

    [TestMethod]
    [DynamicData(nameof(Codes))]
    public void Code_IsInRangeAndDocumented(string name, string code)
    {
        StringAssert.Matches(code, new System.Text.RegularExpressions.Regex("^CIL19[0-9]{2}$"), name);
        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md"));
        StringAssert.Contains(docs, $"\n## {code}\n", $"{name} ({code}) is not documented in docs/diagnostics.md");
    }
}

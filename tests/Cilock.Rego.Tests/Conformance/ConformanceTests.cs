using System.Text;
using Cilock.TestUtilities;

namespace Cilock.Rego.Tests.Conformance;

/// <summary>
/// OPA's YAML conformance cases. Each case runs as its own row; known-failures.txt lists the cases we do not pass yet
/// (the suite fails when a listed case starts passing, so the list only shrinks).
/// </summary>
[TestClass]
public sealed class ConformanceTests
{
    private static readonly Lazy<List<ConformanceCase>?> Cases = new(() =>
        SharedData.SharedRoot is { } root && Directory.Exists(Path.Combine(root, "conformance", "opa"))
            ? ConformanceCase.LoadAll(Path.Combine(root, "conformance", "opa"))
            : null);

    private static readonly Lazy<Dictionary<string, string>> KnownFailures = new(LoadKnownFailures);

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> CaseIds()
    {
        var cases = Cases.Value;
        if (cases is null)
        {
            yield return ["(../shared/conformance/opa absent)"];
            yield break;
        }

        foreach (var c in cases)
        {
            yield return [c.Id];
        }
    }

    [TestMethod]
    [DynamicData(nameof(CaseIds))]
    public void Case_EvaluatesLikeOpa(string id)
    {
        SharedData.Locate("conformance/opa");
        var c = Cases.Value!.FirstOrDefault(x => x.Id == id) ?? throw new AssertFailedException("unknown case " + id);
        var failure = ConformanceRunner.Run(c);
        var known = KnownFailures.Value.ContainsKey(id);
        if (known && failure is null)
        {
            Assert.Fail($"{id} now passes: remove it from Conformance/known-failures.txt");
        }

        if (!known && failure is not null)
        {
            Assert.Fail(failure);
        }
    }

    [TestMethod]
    public void Suite_PassRateByTopic_MeetsGoal()
    {
        SharedData.Locate("conformance/opa");
        var cases = Cases.Value!;
        var table = new StringBuilder();
        table.AppendLine("topic                         passed / total   rate");
        var totalPass = 0;
        var failures = new StringBuilder();
        foreach (var group in cases.GroupBy(c => c.Topic).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var pass = 0;
            foreach (var c in group)
            {
                var failure = ConformanceRunner.Run(c);
                if (failure is null)
                {
                    pass++;
                }
                else
                {
                    failures.Append(c.Id).Append("  ").AppendLine(failure.ReplaceLineEndings(" "));
                }
            }

            totalPass += pass;
            table.AppendLine($"{group.Key,-30}{pass,6} / {group.Count(),-6}{100.0 * pass / group.Count(),6:0.0} %");
        }

        var rate = 100.0 * totalPass / cases.Count;
        table.AppendLine($"{"TOTAL",-30}{totalPass,6} / {cases.Count,-6}{rate,6:0.0} %");
        TestContext.WriteLine(table.ToString());

        // Set REGO_CONFORMANCE_REPORT=<file> to write every failing case with its reason (seed for known-failures.txt).
        if (Environment.GetEnvironmentVariable("REGO_CONFORMANCE_REPORT") is { Length: > 0 } report)
        {
            File.WriteAllText(report, failures.ToString());
        }

        Console.WriteLine(table.ToString());
        Assert.IsGreaterThanOrEqualTo(95.0, rate, "conformance pass rate below the 95 % goal");
    }

    private static Dictionary<string, string> LoadKnownFailures()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "known-failures.txt");
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var sep = line.IndexOf("  ", StringComparison.Ordinal);
            d[sep < 0 ? line.Trim() : line[..sep].Trim()] = sep < 0 ? "" : line[(sep + 2)..].Trim();
        }

        return d;
    }
}

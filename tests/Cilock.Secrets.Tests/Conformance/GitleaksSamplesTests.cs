using System.Text.Json;
using Cilock.Secrets.Scanning;
using Cilock.TestUtilities;

namespace Cilock.Secrets.Tests.Conformance;

/// <summary>
/// Scores the default rules on ../shared/conformance/secrets/gitleaks-samples.json as its README prescribes: recall on
/// tp samples (overall and per origin) and the false-positive rate on fp samples that gitleaks' full default config
/// leaves clean. Fails below 95 % recall or above 5 % false positives.
/// </summary>
[TestClass]
public sealed class GitleaksSamplesTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Scan_GitleaksSamples_MeetsRecallAndFalsePositiveBars()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedData.Locate("conformance/secrets/gitleaks-samples.json")));
        var scanner = new SecretScanner();
        var tp = new Dictionary<string, (int Total, int Found)>();
        int fpTotal = 0, fpReported = 0;
        var missed = new List<string>();
        var falsePositives = new List<string>();
        foreach (var sample in document.RootElement.EnumerateArray())
        {
            var id = sample.GetProperty("id").GetString()!;
            var text = sample.GetProperty("text").GetString()!;
            var kind = sample.GetProperty("kind").GetString();
            var origin = sample.GetProperty("origin").GetString()!;
            var path = sample.TryGetProperty("path", out var p) ? p.GetString() : null;
            var cleanForGitleaks = sample.GetProperty("fullConfigRules").GetArrayLength() == 0;
            if (kind == "fp" && !cleanForGitleaks)
            {
                continue;
            }

            var result = scanner.Scan(text, "sample:" + id, path, TestContext.CancellationToken);
            var reported = result.Findings.Count > 0;
            if (kind == "tp")
            {
                var (total, found) = tp.GetValueOrDefault(origin);
                tp[origin] = (total + 1, found + (reported ? 1 : 0));
                if (!reported)
                {
                    missed.Add($"{id} {sample.GetProperty("rule").GetString()}");
                }
            }
            else
            {
                fpTotal++;
                if (reported)
                {
                    fpReported++;
                    falsePositives.Add($"{id} {sample.GetProperty("rule").GetString()} -> {string.Join(",", result.Findings.Select(f => f.RuleId))}");
                }
            }
        }

        var tpTotal = tp.Values.Sum(v => v.Total);
        var tpFound = tp.Values.Sum(v => v.Found);
        var recall = 100.0 * tpFound / tpTotal;
        var fpRate = 100.0 * fpReported / fpTotal;
        TestContext.WriteLine($"recall: {recall:F2}% ({tpFound}/{tpTotal})");
        foreach (var (origin, (total, found)) in tp.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            TestContext.WriteLine($"recall[{origin}]: {100.0 * found / total:F2}% ({found}/{total})");
        }

        TestContext.WriteLine($"false positives: {fpRate:F2}% ({fpReported}/{fpTotal})");
        foreach (var m in missed.Take(200))
        {
            TestContext.WriteLine("missed: " + m);
        }

        foreach (var f in falsePositives)
        {
            TestContext.WriteLine("fp: " + f);
        }

        Assert.IsGreaterThanOrEqualTo(95.0, recall, $"recall {recall:F2}% is below 95%");
        Assert.IsLessThanOrEqualTo(5.0, fpRate, $"false-positive rate {fpRate:F2}% is above 5%");
    }
}

using System.Globalization;
using Cilock.Fuzz;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Fuzzing;

/// <summary>
/// The CI share of issue #12's fuzzing: each target runs for <see cref="Seconds"/> seconds through the real harness
/// (a supervisor process and a worker child, exactly what <c>build/fuzz.sh</c> runs) and must report zero findings.
/// Ten targets × 12 s ≈ 2 min in all; 10-minute runs are manual (docs/hardening.md).
/// </summary>
[TestClass]
public sealed class FuzzRunTests
{
    private const int Seconds = 12;

    public static IEnumerable<object[]> Targets => FuzzTargets.All.Select(t => new object[] { t.Name });

    [TestMethod]
    [TestCategory("Integration")]
    [DynamicData(nameof(Targets))]
    public void Fuzz_ShortRun_NoFindings(string target)
    {
        using var output = new TempDirectory("cilock-fuzz");
        var dll = Path.Combine(AppContext.BaseDirectory, "cilock-fuzz.dll");
        var corpus = Path.Combine(SharedData.RepositoryRoot, "tests", "Fuzz", "corpus", target);

        var run = ProcessRunner.Run(
            "dotnet",
            [dll, "run", target, "--seconds", Seconds.ToString(CultureInfo.InvariantCulture), "--corpus", corpus, "--out", output.Path, "--seed", "12"],
            output.Path,
            timeout: TimeSpan.FromSeconds(Seconds + 90));

        var findings = Path.Combine(output.Path, "findings");
        var saved = Directory.Exists(findings) ? Directory.GetFiles(findings, "*.txt").Select(File.ReadAllText).FirstOrDefault() : null;
        Assert.AreEqual(0, run.ExitCode, $"{run.Output}\n{saved}");
        StringAssert.Contains(run.StandardOutput, "0 findings");
        StringAssert.Matches(run.StandardOutput, new System.Text.RegularExpressions.Regex(@"fuzz \S+: [1-9][0-9]* executions"));
    }
}

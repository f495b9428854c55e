using System.Globalization;
using System.Text.RegularExpressions;
using Cilock.Fuzz;
using Cilock.Fuzz.Afl;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Fuzzing;

/// <summary>
/// The coverage-guided CI runs: each target goes through <c>cilock-fuzz afl</c> (what <c>build/fuzz.sh</c> runs by
/// default: SharpFuzz-instrumented copies of our assemblies under afl-fuzz) for <see cref="Seconds"/> seconds, must
/// report zero findings, and must have seen edges of our code (an uninstrumented build reports none). Inconclusive
/// where afl-fuzz is not installed (.ci/run installs afl++); <see cref="FuzzRunTests"/> covers that case.
/// </summary>
[TestClass]
public sealed class AflFuzzRunTests
{
    private const int Seconds = 10;

    // One instrumented copy per test run, shared by the ten targets (AflInstrumentation serializes its creation).
    private static readonly string Bin = Path.Combine(Path.GetTempPath(), $"cilock-afl-bin-{Environment.ProcessId}");

    public static IEnumerable<object[]> Targets => FuzzTargets.All.Select(t => new object[] { t.Name });

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(Bin))
        {
            Directory.Delete(Bin, recursive: true);
        }

        File.Delete(Bin + ".lock");
    }

    [TestMethod]
    [TestCategory("Integration")]
    [DynamicData(nameof(Targets))]
    public void Afl_ShortRun_NoFindingsAndCoverage(string target)
    {
        if (AflDriver.Locate() is null)
        {
            Assert.Inconclusive("afl-fuzz is not installed (apt-get install afl++); the mutation engine runs in FuzzRunTests");
        }

        using var output = new TempDirectory("cilock-afl");
        var root = SharedData.RepositoryRoot;
        var run = ProcessRunner.Run(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "cilock-fuzz.dll"), "afl", target, "--seconds", Seconds.ToString(CultureInfo.InvariantCulture),
             "--corpus", Path.Combine(root, "tests", "Fuzz", "corpus", target), "--out", output.Path, "--bin", Bin,
             "--dict", Path.Combine(root, "tests", "Fuzz", "dictionaries", target + ".dict")],
            output.Path,
            timeout: TimeSpan.FromSeconds(Seconds + 300));

        var findings = Path.Combine(output.Path, "findings");
        var saved = Directory.Exists(findings) ? Directory.GetFiles(findings, "*.txt").Select(File.ReadAllText).FirstOrDefault() : null;
        Assert.AreEqual(0, run.ExitCode, $"{run.Output}\n{saved}");
        var summary = Regex.Match(run.StandardOutput, @"fuzz \S+: (\d+) executions .*corpus (\d+) .*edges (\d+) .*, 0 findings \[afl");
        Assert.IsTrue(summary.Success, run.Output);
        Assert.IsGreaterThan(0L, long.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture), run.Output);
        Assert.IsGreaterThan(0, int.Parse(summary.Groups[3].Value, CultureInfo.InvariantCulture), "no edges: our assemblies were not instrumented\n" + run.Output);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Afl_PlantedCrash_SavedAsFindingAndExitOne()
    {
        if (AflDriver.Locate() is null)
        {
            Assert.Inconclusive("afl-fuzz is not installed (apt-get install afl++)");
        }

        using var output = new TempDirectory("cilock-afl");
        var corpus = Directory.CreateDirectory(Path.Combine(output.Path, "corpus", "selftest")).FullName;
        // A clean seed: the planted crash (any 0xFF byte) must be found by afl's mutation, not given.
        File.WriteAllText(Path.Combine(corpus, "seed"), "{\"payloadType\":\"x\"}");
        var run = ProcessRunner.Run(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "cilock-fuzz.dll"), "afl", "selftest", "--seconds", "20", "--corpus", corpus,
             "--out", Path.Combine(output.Path, "out"), "--bin", Bin, "--dict", Path.Combine(output.Path, "none.dict")],
            output.Path,
            timeout: TimeSpan.FromSeconds(320));

        Assert.AreEqual(1, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "afl-tmin");
        var reports = Directory.GetFiles(Path.Combine(output.Path, "out", "findings"), "selftest-*.txt");
        Assert.IsNotEmpty(reports, run.Output);
        StringAssert.Contains(File.ReadAllText(reports[0]), "planted crash");
    }

    [TestMethod]
    public void Dictionaries_EveryTarget_AflSyntax()
    {
        var entry = new Regex(@"^[A-Za-z0-9_]+=""(?:[\x20-\x21\x23-\x5b\x5d-\x7e]|\\[""\\]|\\x[0-9a-f]{2})+""$");
        foreach (var target in FuzzTargets.All)
        {
            var path = Path.Combine(SharedData.RepositoryRoot, "tests", "Fuzz", "dictionaries", target.Name + ".dict");
            Assert.IsTrue(File.Exists(path), $"no afl dictionary for {target.Name}");
            var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            Assert.IsNotEmpty(lines, path);
            foreach (var line in lines)
            {
                Assert.IsTrue(entry.IsMatch(line), $"{path}: not an afl dictionary entry: {line}");
            }
        }
    }
}

using Cilock.Fuzz.Afl;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Fuzzing;

/// <summary>The figures the afl engine reports come from afl-fuzz's own fuzzer_stats (AFL++ 4.x and 2.x names).</summary>
[TestClass]
public sealed class AflStatsTests
{
    [TestMethod]
    [DataRow("saved_crashes", "saved_hangs")]
    [DataRow("unique_crashes", "unique_hangs")]
    public void Read_FuzzerStats_ReportedFigures(string crashes, string hangs)
    {
        using var dir = new TempDirectory("cilock-afl-stats");
        var path = Path.Combine(dir.Path, "fuzzer_stats");
        File.WriteAllText(path, $"start_time        : 1\nrun_time          : 600\nexecs_done        : 1200000\nexecs_per_sec     : 1999.90\ncorpus_count      : 412\nbitmap_cvg        : 5.50%\nstability         : 97.73%\n{crashes}     : 2\n{hangs}       : 1\nedges_found       : 3605\n");

        var stats = AflStats.Read(path);

        Assert.IsNotNull(stats);
        Assert.AreEqual(1_200_000L, stats.Executions);
        Assert.AreEqual(600L, stats.Seconds);
        Assert.AreEqual(2000.0, stats.ExecsPerSecond, 0.001);
        Assert.AreEqual(412, stats.CorpusCount);
        Assert.AreEqual(3605, stats.EdgesFound);
        Assert.AreEqual("5.50%", stats.BitmapCoverage);
        Assert.AreEqual("97.73%", stats.Stability);
        Assert.AreEqual(2, stats.Crashes);
        Assert.AreEqual(1, stats.Hangs);
    }

    [TestMethod]
    public void Read_MissingFile_Null() =>
        Assert.IsNull(AflStats.Read(Path.Combine(Path.GetTempPath(), "cilock-no-such-dir", "fuzzer_stats")));
}

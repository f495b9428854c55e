using System.Globalization;

namespace Cilock.Fuzz.Afl;

/// <summary>The figures we report from afl-fuzz's <c>fuzzer_stats</c> (key : value lines).</summary>
internal sealed record AflStats(long Executions, long Seconds, double ExecsPerSecond, int CorpusCount, int EdgesFound, string BitmapCoverage, string Stability, int Crashes, int Hangs)
{
    public static AflStats? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var values = File.ReadLines(path)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        string Text(string key) => values.TryGetValue(key, out var v) ? v : "";
        long Number(string key) => long.TryParse(Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var seconds = Number("run_time");
        var executions = Number("execs_done");
        return new AflStats(
            executions,
            seconds,
            seconds > 0 ? (double)executions / seconds : 0,
            (int)Number("corpus_count"),
            (int)Number("edges_found"),
            Text("bitmap_cvg"),
            Text("stability"),
            (int)Math.Max(Number("saved_crashes"), Number("unique_crashes")),
            (int)Math.Max(Number("saved_hangs"), Number("unique_hangs")));
    }
}

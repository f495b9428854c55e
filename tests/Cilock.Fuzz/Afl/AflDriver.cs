using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Cilock.Fuzz.Afl;

/// <summary>
/// The coverage-guided engine (<c>cilock-fuzz afl TARGET</c>, the default of <c>build/fuzz.sh</c>): instruments our
/// assemblies, seeds afl-fuzz from the target's corpus and regressions, runs it for the given time, then reports
/// afl's own statistics and turns every crash or hang afl saved into a finding with its replay output.
/// </summary>
internal static class AflDriver
{
    /// <summary>Exit code when afl-fuzz is not installed (distinct from 1 = findings and 2 = usage).</summary>
    public const int Unavailable = 3;

    /// <summary>The afl-fuzz executable: <c>$AFL_FUZZ</c>, else <c>afl-fuzz</c> on PATH; null when absent.</summary>
    public static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("AFL_FUZZ");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "afl-fuzz"))
            .FirstOrDefault(File.Exists);
    }

    public static int Run(FuzzTarget target, TimeSpan duration, string corpusDirectory, string outDirectory, string binDirectory, string? dictionary)
    {
        var afl = Locate();
        if (afl is null)
        {
            Console.Error.WriteLine("cilock-fuzz: afl-fuzz not found (apt-get install afl++, or set AFL_FUZZ); the coverage-less engine is build/fuzz.sh --engine mutate");
            return Unavailable;
        }

        var bin = AflInstrumentation.Prepare(Path.GetFullPath(binDirectory));
        var output = Path.GetFullPath(outDirectory);
        var seeds = Path.Combine(output, "seeds");
        var aflOut = Path.Combine(output, "afl");
        var findingsDirectory = Path.Combine(output, "findings");
        // A fresh run each time: findings/ then lists exactly what this run's afl saved.
        foreach (var stale in new[] { seeds, aflOut, findingsDirectory })
        {
            if (Directory.Exists(stale))
            {
                Directory.Delete(stale, recursive: true);
            }
        }

        var seedCount = WriteSeeds(corpusDirectory, seeds);
        var harness = Path.Combine(bin, "cilock-fuzz.dll");
        var psi = new ProcessStartInfo(afl) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-i", seeds, "-o", aflOut, "-m", "none", "-t", target.HangMilliseconds.ToString(CultureInfo.InvariantCulture), "-V", Math.Max(1, (int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        if (dictionary is not null && File.Exists(dictionary))
        {
            psi.ArgumentList.Add("-x");
            psi.ArgumentList.Add(Path.GetFullPath(dictionary));
        }

        foreach (var a in new[] { "--", "dotnet", harness, "afl-target", target.Name })
        {
            psi.ArgumentList.Add(a);
        }

        // The target is `dotnet`, not an afl-instrumented binary; no UI (logs); no CPU pinning (the machine is shared);
        // a crash is detected through SharpFuzz's status pipe, so the kernel's core_pattern does not matter; the fork
        // server (a .NET process that starts the child) gets a minute to come up on a loaded machine.
        psi.Environment["AFL_SKIP_BIN_CHECK"] = "1";
        psi.Environment["AFL_NO_UI"] = "1";
        psi.Environment["AFL_NO_AFFINITY"] = "1";
        psi.Environment["AFL_SKIP_CPUFREQ"] = "1";
        psi.Environment["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1";
        psi.Environment["AFL_FORKSRV_INIT_TMOUT"] = "60000";
        psi.Environment["AFL_NO_WARN_INSTABILITY"] = "1";

        var log = Path.Combine(output, "afl.log");
        Directory.CreateDirectory(output);
        var clock = Stopwatch.StartNew();
        using (var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start afl-fuzz"))
        using (var writer = new StreamWriter(log))
        {
            var lines = new object();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { writer.WriteLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { writer.WriteLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            // -V counts fuzzing time only; the dry run of the seeds comes on top. Past a generous grace, stop afl the
            // way a user would (SIGINT), so it still writes its statistics.
            var grace = duration + TimeSpan.FromMinutes(3);
            if (!process.WaitForExit(grace))
            {
                _ = Kill(process.Id, "INT");
                if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }

            process.WaitForExit();
        }

        var stats = AflStats.Read(Path.Combine(aflOut, "default", "fuzzer_stats"));
        if (stats is null)
        {
            Console.Error.WriteLine($"cilock-fuzz: afl-fuzz ended without statistics (a seed may crash: it aborts on that). Its log, {log}:");
            Console.Error.WriteLine(string.Join('\n', File.ReadLines(log).TakeLast(25)));
            return 1;
        }

        // Replays use this (uninstrumented) harness: instrumented code needs afl's shared memory to run.
        var replayer = Path.Combine(AppContext.BaseDirectory, "cilock-fuzz.dll");
        var findings = CollectFindings(target, aflOut, findingsDirectory, replayer);
        Console.WriteLine(
            $"fuzz {target.Name}: {stats.Executions} executions in {stats.Seconds} s ({stats.ExecsPerSecond:F0}/s), " +
            $"corpus {stats.CorpusCount} ({seedCount} seeds), edges {stats.EdgesFound} ({stats.BitmapCoverage}), " +
            $"stability {stats.Stability}, {findings} findings [afl: {stats.Crashes} crashes, {stats.Hangs} hangs, {clock.Elapsed.TotalSeconds:F0} s wall]");
        if (findings > 0)
        {
            Console.WriteLine(
                $"Minimise a finding:  AFL_SKIP_BIN_CHECK=1 afl-tmin -m none -t {target.HangMilliseconds} -i FILE -o min.bin -- dotnet {harness} afl-target {target.Name}\n" +
                $"Check it:            dotnet {replayer} replay {target.Name} min.bin\n" +
                $"Then fix the parser and check min.bin in as tests/Fuzz/regressions/{target.Name}/<what-it-is>.<ext> (+ a row in its README.md).");
        }

        return findings == 0 ? 0 : 1;
    }

    /// <summary>Seeds afl with the corpus and the checked-in regressions (flat, deduplicated, at most 1 MiB each).</summary>
    private static int WriteSeeds(string corpusDirectory, string seeds)
    {
        Directory.CreateDirectory(seeds);
        var regressions = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusDirectory))!, "..", "regressions", Path.GetFileName(Path.GetFullPath(corpusDirectory)));
        var count = 0;
        foreach (var input in FuzzWorker.LoadCorpus(corpusDirectory).Concat(FuzzWorker.LoadCorpus(regressions)))
        {
            var path = Path.Combine(seeds, Convert.ToHexStringLower(SHA256.HashData(input))[..16]);
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, input);
                count++;
            }
        }

        if (count == 0)
        {
            File.WriteAllText(Path.Combine(seeds, "empty"), "{}");
            count = 1;
        }

        return count;
    }

    /// <summary>Copies afl's crashes and hangs into findings/, each with what a replay of it says.</summary>
    private static int CollectFindings(FuzzTarget target, string aflOut, string findings, string harness)
    {
        var count = 0;
        foreach (var kind in new[] { "crashes", "hangs" })
        {
            var dir = Path.Combine(aflOut, "default", kind);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir, "id:*").Order(StringComparer.Ordinal))
            {
                count++;
                var input = File.ReadAllBytes(file);
                var replay = kind == "hangs" ? $"hang: over {target.HangMilliseconds} ms under afl-fuzz" : Replay(harness, target.Name, file);
                FuzzWorker.SaveFinding(findings, target.Name, input, $"{kind}: {Path.GetFileName(file)}\n{replay}");
                Console.Error.WriteLine($"FINDING {target.Name}: {kind} {file}");
            }
        }

        return count;
    }

    // Replayed in a child: a stack overflow must not take the driver down with it.
    private static string Replay(string harness, string target, string file)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { harness, "replay", target, file })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return $"replay exit {process.ExitCode}\n{stdout}{stderr.Result}";
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}

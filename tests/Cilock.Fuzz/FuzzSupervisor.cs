using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Text.Json.Nodes;

namespace Cilock.Fuzz;

/// <summary>
/// Runs a target's worker in a child process so that a stack overflow, an abort or a hang is caught: when the child
/// dies without its summary, or its execution counter stops moving for the hang limit, the input it was running (read
/// from the shared state file) is saved as a finding and a new child continues until the time is up.
/// </summary>
internal static class FuzzSupervisor
{
    public static int Run(FuzzTarget target, TimeSpan duration, string corpusDirectory, string outDirectory, int seed, TimeSpan hangLimit)
    {
        Directory.CreateDirectory(outDirectory);
        var stateFile = Path.Combine(outDirectory, "state.bin");
        var deadline = DateTime.UtcNow + duration;
        long executions = 0;
        double seconds = 0;
        var findings = 0;
        var crashes = 0;
        JsonNode? last = null;
        for (var round = 0; DateTime.UtcNow < deadline && crashes < 20; round++)
        {
            using (var fs = new FileStream(stateFile, FileMode.Create, FileAccess.ReadWrite))
            {
                fs.SetLength(FuzzWorker.StateSize);
            }

            var remaining = deadline - DateTime.UtcNow;
            using var child = StartWorker(target.Name, remaining, corpusDirectory, outDirectory, seed + round, stateFile);
            var stdout = child.StandardOutput.ReadToEndAsync();
            var stderr = child.StandardError.ReadToEndAsync();
            using var mmf = MemoryMappedFile.CreateFromFile(stateFile, FileMode.Open, null, FuzzWorker.StateSize);
            using var state = mmf.CreateViewAccessor(0, FuzzWorker.StateSize);
            long seen = -1;
            var lastProgress = DateTime.UtcNow;
            var hung = false;
            while (!child.WaitForExit(250))
            {
                var counter = state.ReadInt64(0);
                // The clock starts with the first input: a slow start on a loaded machine is not a hang.
                if (counter != seen || counter == 0)
                {
                    seen = counter;
                    lastProgress = DateTime.UtcNow;
                }
                else if (DateTime.UtcNow - lastProgress > hangLimit)
                {
                    hung = true;
                    child.Kill(entireProcessTree: true);
                    child.WaitForExit();
                    break;
                }
            }

            Console.Error.Write(stderr.Result);
            var summary = stdout.Result.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
            if (summary is not null && !hung)
            {
                last = JsonNode.Parse(summary)!;
                executions += last["executions"]!.GetValue<long>();
                seconds += last["seconds"]!.GetValue<double>();
                findings += last["findings"]!.GetValue<int>();
                break;
            }

            // The child died (stack overflow, abort, out of memory) or hung: the input in the state file is the finding.
            crashes++;
            findings++;
            executions += Math.Max(0, state.ReadInt64(0));
            var length = Math.Clamp(state.ReadInt32(8), 0, FuzzWorker.MaxInput);
            var input = new byte[length];
            state.ReadArray(16, input, 0, length);
            var what = hung ? $"hang: no progress for {hangLimit.TotalSeconds} s" : $"crash: worker exited with code {child.ExitCode}";
            FuzzWorker.SaveFinding(Path.Combine(outDirectory, "findings"), target.Name, input, what + "\n" + stderr.Result);
            Console.Error.WriteLine($"FINDING {target.Name}: {what}");
        }

        var corpusSize = FuzzWorker.LoadCorpus(corpusDirectory).Count + FuzzWorker.LoadCorpus(Path.Combine(outDirectory, "corpus")).Count;
        var rate = seconds > 0 ? executions / seconds : 0;
        Console.WriteLine($"fuzz {target.Name}: {executions} executions in {duration.TotalSeconds:F0} s ({rate:F0}/s), corpus {corpusSize} ({last?["seeds"] ?? 0} seeds), outcome classes {last?["outcomes"] ?? 0}, {findings} findings");
        File.Delete(stateFile);
        return findings == 0 ? 0 : 1;
    }

    private static Process StartWorker(string target, TimeSpan duration, string corpus, string outDirectory, int seed, string stateFile)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(FuzzSupervisor).Assembly.Location);
        }

        foreach (var a in new[] { "worker", target, "--seconds", duration.TotalSeconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture), "--corpus", corpus, "--out", outDirectory, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state", stateFile })
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start the fuzz worker");
    }
}

using System.Globalization;
using Cilock.Fuzz;
using Cilock.Fuzz.Afl;

// cilock-fuzz list | run TARGET [--seconds N] [--corpus DIR] [--out DIR] [--seed N] [--hang-seconds N]   (mutation engine)
//                  | afl TARGET [--seconds N] [--corpus DIR] [--out DIR] [--bin DIR] [--dict FILE]        (AFL++ + SharpFuzz)
//                  | replay TARGET FILE... | worker … | afl-target TARGET (internal: what afl-fuzz runs)
var command = args.Length > 0 ? args[0] : "help";
if (command == "list")
{
    foreach (var t in FuzzTargets.All)
    {
        Console.WriteLine($"{t.Name,-10} {t.Description}");
    }

    return 0;
}

if (command is not ("run" or "worker" or "replay" or "afl" or "afl-target") || args.Length < 2 || FuzzTargets.Find(args[1]) is not { } target)
{
    Console.Error.WriteLine("usage: cilock-fuzz list | run TARGET [--seconds N] [--corpus DIR] [--out DIR] [--seed N] | afl TARGET [--seconds N] [--corpus DIR] [--out DIR] [--bin DIR] [--dict FILE] | replay TARGET FILE...");
    Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
    return 2;
}

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var seconds = double.Parse(Option("--seconds", "30"), CultureInfo.InvariantCulture);
var corpus = Option("--corpus", Path.Combine("tests", "Fuzz", "corpus", target.Name));
var output = Option("--out", Path.Combine("artifacts", "fuzz", target.Name));
var seed = int.Parse(Option("--seed", Environment.TickCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (command)
{
    case "afl-target":
        return AflTarget.Run(target);
    case "afl":
        var dictionary = Option("--dict", Path.Combine("tests", "Fuzz", "dictionaries", target.Name + ".dict"));
        return AflDriver.Run(target, TimeSpan.FromSeconds(seconds), corpus, output, Option("--bin", Path.Combine("artifacts", "fuzz", ".afl-bin")), dictionary);
    case "replay":
        var failures = 0;
        foreach (var file in args.Skip(2))
        {
            FuzzWorker.Execute(target, File.ReadAllBytes(file), out var unexpected);
            if (unexpected is not null)
            {
                failures++;
                Console.Error.WriteLine($"FINDING {file}: {unexpected}");
            }
        }

        return failures == 0 ? 0 : 1;
    case "worker":
        var exit = 0;
        // 1 MiB stack, like the thread pool threads of the hosts we run in (MSBuild nodes, the gate server): deep
        // recursion must be stopped by our depth limits, not by the size of the main thread's stack.
        var thread = new Thread(
            () => exit = FuzzWorker.Run(target, TimeSpan.FromSeconds(seconds), corpus, output, seed, Option("--state", "")),
            maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        return exit;
    default:
        var hang = TimeSpan.FromSeconds(double.Parse(Option("--hang-seconds", "30"), CultureInfo.InvariantCulture));
        return FuzzSupervisor.Run(target, TimeSpan.FromSeconds(seconds), corpus, output, seed, hang);
}

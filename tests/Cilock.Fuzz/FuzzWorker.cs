using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cilock.Attestation.Diagnostics;
using Cilock.Rego;

namespace Cilock.Fuzz;

/// <summary>
/// The loop inside the child process: mutate, publish the input to the shared state file (so the supervisor can save
/// it if this process dies), run the target, classify the outcome. Inputs with an outcome signature not seen before
/// (ok, or exception type + code + message shape) join the in-memory corpus — a crude behavioural feedback, not code
/// coverage.
/// </summary>
internal static partial class FuzzWorker
{
    public const int MaxInput = 256 * 1024;
    public const int StateSize = 16 + MaxInput;

    public static int Run(FuzzTarget target, TimeSpan duration, string corpusDirectory, string outDirectory, int seed, string stateFile)
    {
        var corpus = LoadCorpus(corpusDirectory);
        var newCorpus = Path.Combine(outDirectory, "corpus");
        var findings = Path.Combine(outDirectory, "findings");
        Directory.CreateDirectory(newCorpus);
        Directory.CreateDirectory(findings);
        corpus.AddRange(LoadCorpus(newCorpus));
        var seeds = corpus.Count;
        if (corpus.Count == 0)
        {
            corpus.Add([]);
        }

        using var mmf = MemoryMappedFile.CreateFromFile(stateFile, FileMode.Open, null, StateSize);
        using var state = mmf.CreateViewAccessor(0, StateSize);
        var random = new Random(seed);
        var mutator = new Mutator(random);
        var signatures = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        long executions = 0;
        var found = 0;
        var added = 0;

        // Every seed runs once unmutated first, so a regression in a checked-in input is found at once.
        var queue = new Queue<byte[]>(corpus);
        while (clock.Elapsed < duration)
        {
            var input = queue.Count > 0 ? queue.Dequeue() : mutator.Mutate(corpus[random.Next(corpus.Count)], corpus, MaxInput);
            state.Write(8, input.Length);
            state.WriteArray(16, input, 0, input.Length);
            state.Write(0, ++executions);

            var outcome = Execute(target, input, out var unexpected);
            if (unexpected is not null)
            {
                found++;
                SaveFinding(findings, target.Name, input, unexpected.ToString());
                Console.Error.WriteLine($"FINDING {target.Name}: {unexpected.GetType().FullName}: {FirstLine(unexpected.Message)}");
            }
            else if (signatures.Add(outcome) && executions > seeds)
            {
                added++;
                File.WriteAllBytes(Path.Combine(newCorpus, Hash(input)), input);
                corpus.Add(input);
            }
        }

        Console.WriteLine($"{{\"executions\":{executions},\"seconds\":{clock.Elapsed.TotalSeconds:F1},\"seeds\":{seeds},\"added\":{added},\"outcomes\":{signatures.Count},\"findings\":{found}}}");
        return found == 0 ? 0 : 1;
    }

    /// <summary>Runs one input; returns its outcome signature, and the exception when it is a finding.</summary>
    public static string Execute(FuzzTarget target, byte[] input, out Exception? unexpected)
    {
        unexpected = null;
        try
        {
            target.Run(input);
            return "ok";
        }
        catch (Exception e) when (target.IsExpected(e))
        {
            var code = e switch
            {
                CilockException c => c.Code,
                RegoException r => r.Code,
                _ => "",
            };
            var shape = Shape().Replace(FirstLine(e.Message), "#");
            return $"{e.GetType().Name}:{code}:{shape[..Math.Min(24, shape.Length)]}";
        }
        catch (Exception e)
        {
            unexpected = e;
            return "finding";
        }
    }

    public static void SaveFinding(string directory, string target, byte[] input, string report)
    {
        Directory.CreateDirectory(directory);
        var name = $"{target}-{Hash(input)}";
        File.WriteAllBytes(Path.Combine(directory, name + ".bin"), input);
        File.WriteAllText(Path.Combine(directory, name + ".txt"), report);
    }

    public static List<byte[]> LoadCorpus(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).Where(b => b.Length <= MaxInput)]
            : [];

    private static string Hash(byte[] input) => Convert.ToHexStringLower(SHA256.HashData(input))[..16];

    private static string FirstLine(string message) => message.Split('\n', 2)[0];

    // Digits, quoted fragments and hex vary per input without being a new behaviour.
    [GeneratedRegex("[0-9]+|'[^']*'|\"[^\"]*\"")]
    private static partial Regex Shape();
}

using System.Text.RegularExpressions;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.TestUtilities;

namespace Cilock.Tracing.Tests;

/// <summary>
/// Runs a workload under <c>strace -f -y -e trace=execve,openat,open,creat</c> and compares its executed programs and
/// opened regular files with a trace of ours.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static partial class StraceComparison
{
    /// <summary>The exec'd programs and opened paths strace saw (successful calls only, made absolute).</summary>
    public static HashSet<string> Run(IReadOnlyList<string> args, string cwd, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (!File.Exists("/usr/bin/strace"))
        {
            Assert.Inconclusive("strace is needed for the comparison");
        }

        var log = Path.Combine(Path.GetTempPath(), $"cilock-strace-{Guid.NewGuid():N}.txt");
        try
        {
            var run = ProcessRunner.Run(
                "strace", ["-f", "-qq", "-y", "-s", "4096", "-e", "trace=execve,openat,open,creat", "-o", log, .. args], cwd, environment, TimeSpan.FromMinutes(10));
            Assert.AreEqual(0, run.ExitCode, run.Output);
            return Parse(File.ReadLines(log), cwd);
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>
    /// Parses strace lines, including calls split by another thread (<c>&lt;unfinished ...&gt;</c> then
    /// <c>&lt;... openat resumed&gt;</c>) and paths relative to a directory descriptor (shown as <c>3&lt;/dir&gt;</c> by -y).
    /// </summary>
    internal static HashSet<string> Parse(IEnumerable<string> lines, string cwd)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (Resumed().Match(line) is { Success: true } r)
            {
                if (pending.Remove(r.Groups["pid"].Value, out var path) && !r.Groups["ret"].Value.StartsWith('-'))
                {
                    paths.Add(path);
                }

                continue;
            }

            if (Call().Match(line) is not { Success: true } m)
            {
                continue;
            }

            var raw = m.Groups["path"].Value;
            var baseDir = m.Groups["dir"].Success ? m.Groups["dir"].Value : cwd;
            var full = Path.GetFullPath(raw.Length == 0 ? baseDir : raw, baseDir);
            if (m.Groups["unfinished"].Success)
            {
                pending[m.Groups["pid"].Value] = full;
            }
            else if (!m.Groups["ret"].Value.StartsWith('-'))
            {
                paths.Add(full);
            }
        }

        return paths;
    }

    /// <summary>
    /// Asserts that our trace holds at least 99 % of strace's regular files that still exist (strace and we both see
    /// failed probes and deleted temporaries, which have no content to compare; pseudo files are named without a
    /// digest by design). Returns what is missing, for the caller to explain.
    /// </summary>
    public static List<string> AssertCovers(CommandRecord record, HashSet<string> strace)
    {
        var ours = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in record.Processes!)
        {
            // We record paths as the process passed them (made absolute); compare lexically normalized like strace's.
            ours.UnionWith(p.OpenedFiles.Keys.Select(k => Path.GetFullPath(k)));
            ours.UnionWith(p.WrittenFiles.Keys.Select(k => Path.GetFullPath(k)));
            if (p.Program is not null)
            {
                ours.Add(Path.GetFullPath(p.Program));
            }
        }

        var expected = strace.Where(p => File.Exists(p) && !FileDigestCache.IsPseudoPath(p) && NativeMethods.IsRegularFile(p)).ToList();
        var missing = expected.Where(p => !ours.Contains(p)).ToList();
        Console.WriteLine($"strace comparison: {expected.Count - missing.Count}/{expected.Count} of strace's files and programs traced; missing: {string.Join(", ", missing)}");
        Assert.IsGreaterThan(0, expected.Count);
        Assert.IsLessThanOrEqualTo(expected.Count / 100, missing.Count, $"{missing.Count}/{expected.Count} missing: {string.Join(", ", missing.Take(10))}");
        return missing;
    }

    [GeneratedRegex("""^(?<pid>\d+)\s+(?:execve|openat|open|creat)\((?:AT_FDCWD(?:<[^>]*>)?, |\d+<(?<dir>[^>]*)>, )?"(?<path>[^"]*)"(?:.*(?<unfinished><unfinished \.\.\.>)$|.*\)\s+=\s+(?<ret>-?\d+))""")]
    private static partial Regex Call();

    [GeneratedRegex("""^(?<pid>\d+)\s+<\.\.\. (?:execve|openat|open|creat) resumed>.*\)\s+=\s+(?<ret>-?\d+)""")]
    private static partial Regex Resumed();
}

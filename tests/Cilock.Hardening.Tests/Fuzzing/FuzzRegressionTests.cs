using Cilock.Fuzz;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Fuzzing;

/// <summary>
/// Every checked-in crasher (tests/Fuzz/regressions/TARGET/*) and every seed (tests/Fuzz/corpus/TARGET/*) replayed
/// in process through its fuzz target on a 1 MiB stack: success or a documented coded error only.
/// </summary>
[TestClass]
public sealed class FuzzRegressionTests
{
    public static IEnumerable<object[]> Inputs =>
        new[] { "regressions", "corpus" }
            .SelectMany(kind => Directory.EnumerateDirectories(Path.Combine(SharedData.RepositoryRoot, "tests", "Fuzz", kind))
                .SelectMany(dir => Directory.EnumerateFiles(dir).Select(f => new object[] { kind, Path.GetFileName(dir), Path.GetFileName(f) })))
            .Where(row => (string)row[2] != "README.md");

    [TestMethod]
    public void Regressions_EveryTargetFolderIsAKnownTarget()
    {
        var root = Path.Combine(SharedData.RepositoryRoot, "tests", "Fuzz");
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(root, "regressions")).Concat(Directory.EnumerateDirectories(Path.Combine(root, "corpus"))))
        {
            Assert.IsNotNull(FuzzTargets.Find(Path.GetFileName(dir)), dir);
        }

        foreach (var target in FuzzTargets.All)
        {
            Assert.IsNotEmpty(Directory.GetFiles(Path.Combine(root, "corpus", target.Name)), $"no seeds for {target.Name}");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Inputs))]
    public void Replay_CheckedInInput_NoUndocumentedException(string kind, string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(SharedData.RepositoryRoot, "tests", "Fuzz", kind, target, file));
        Exception? unexpected = null;
        var thread = new Thread(() => FuzzWorker.Execute(FuzzTargets.Find(target)!, input, out unexpected), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.IsNull(unexpected, unexpected?.ToString());
    }
}

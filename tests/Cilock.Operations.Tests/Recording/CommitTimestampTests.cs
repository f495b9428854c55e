using Cilock.Operations.Recording;
using Cilock.TestUtilities;
using LibGit2Sharp;

namespace Cilock.Operations.Tests.Recording;

[TestClass]
public sealed class CommitTimestampTests
{
    [TestMethod]
    public void Resolve_GitRepository_UsesHeadCommitterTime()
    {
        using var dir = new TempDirectory();
        Repository.Init(dir.Path);
        using (var repo = new Repository(dir.Path))
        {
            File.WriteAllText(dir.Combine("a.txt"), "a");
            Commands.Stage(repo, "a.txt");
            var when = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
            repo.Commit("c", new Signature("a", "a@x", when.AddDays(-1)), new Signature("c", "c@x", when));
        }

        Directory.CreateDirectory(dir.Combine("src", "Lib"));
        var (seconds, source) = CommitTimestamp.Resolve(dir.Combine("src", "Lib"), "1600000000");

        Assert.AreEqual(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).ToUnixTimeSeconds(), seconds);
        Assert.Contains("git", source);
    }

    [TestMethod]
    [DataRow("1600000000", 1600000000L)]
    [DataRow("1", CommitTimestamp.FixedEpoch)]
    [DataRow("not-a-number", CommitTimestamp.FixedEpoch)]
    [DataRow(null, CommitTimestamp.FixedEpoch)]
    public void Resolve_NoRepository_FallsBackToSourceDateEpochThenFixedEpoch(string? epoch, long expected)
    {
        using var dir = new TempDirectory();
        // A temp folder could sit inside some repository; only test the fallback when it does not.
        if (Repository.Discover(dir.Path) is not null)
        {
            Assert.Inconclusive("the temp folder is inside a git repository");
        }

        Assert.AreEqual(expected, CommitTimestamp.Resolve(dir.Path, epoch).Seconds);
    }
}

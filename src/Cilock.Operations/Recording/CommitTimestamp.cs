using System.Globalization;
using LibGit2Sharp;

namespace Cilock.Operations.Recording;

/// <summary>
/// Chooses the timestamp of deterministic packs (spec msbuild-and-nuget.md §5): the committer time of git HEAD, else
/// <c>SOURCE_DATE_EPOCH</c>, else a fixed epoch. Two packs of one commit then produce the same bytes.
/// </summary>
public static class CommitTimestamp
{
    /// <summary>The fallback: 1980-01-02T00:00:00Z, safely inside the ZIP date range in every time zone.</summary>
    public const long FixedEpoch = 315619200;

    /// <summary>Resolves the timestamp (Unix seconds) and says where it came from.</summary>
    /// <param name="directory">A folder inside the repository (the project folder).</param>
    /// <param name="sourceDateEpoch">The value of <c>SOURCE_DATE_EPOCH</c>, if set.</param>
    public static (long Seconds, string Source) Resolve(string directory, string? sourceDateEpoch)
    {
        var commit = TryReadHeadCommitTime(directory);
        if (commit is { } seconds)
        {
            return (Math.Max(seconds, FixedEpoch), "git HEAD commit time");
        }

        if (long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return (Math.Max(epoch, FixedEpoch), "SOURCE_DATE_EPOCH");
        }

        return (FixedEpoch, "fixed epoch (no git HEAD, no SOURCE_DATE_EPOCH)");
    }

    private static long? TryReadHeadCommitTime(string directory)
    {
        try
        {
            var gitDir = Repository.Discover(directory);
            if (gitDir is null)
            {
                return null;
            }

            using var repository = new Repository(gitDir);
            return repository.Head?.Tip?.Committer.When.ToUnixTimeSeconds();
        }
        catch (LibGit2SharpException)
        {
            // Not a usable repository (corrupt, unborn HEAD, unsupported extension): fall back to the next source.
            return null;
        }
    }
}

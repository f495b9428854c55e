using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;
using LibGit2Sharp;

namespace Cilock.Attestation.Attestors.Git;

/// <summary>
/// Records the repository state of the working directory with LibGit2Sharp (spec attestors.md §6): HEAD commit,
/// author/committer, parents, tree, per-file status, refs and tags at HEAD, branch and remotes (credentials
/// stripped). Subjects: <c>commithash:</c>, <c>parenthash:</c> (sha1), <c>authoremail:</c>, <c>committeremail:</c>,
/// <c>refnameshort:</c> (sha256 of the string) and, in the cilock dialect, <c>remote:</c>. Backrefs (cilock):
/// the commit and its parents.
/// </summary>
public sealed class GitAttestor : IAttestor, ISubjecter, IBackReffer
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "git";

    private GitPredicate? _predicate;
    private IReadOnlyList<string> _hashes = [DigestSet.Sha256];

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PreMaterial;

    /// <summary>The recorded predicate, after the run.</summary>
    public GitPredicate? Predicate => _predicate;

    /// <summary>Whether <paramref name="directory"/> is inside a git work tree.</summary>
    public static bool IsInRepository(string directory) => Repository.Discover(directory) is not null;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) =>
        dialect == Dialect.Witness ? AttestationTypes.GitWitness : AttestationTypes.GitCilock;

    /// <inheritdoc />
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        _hashes = [.. context.Options.Hashes.Where(h => h is DigestSet.Sha256 or DigestSet.Sha1)];
        if (_hashes.Count == 0)
        {
            _hashes = [DigestSet.Sha256];
        }

        var gitDir = Repository.Discover(context.WorkingDirectory)
            ?? throw new CilockException(EvidenceDiagnostics.GitUnreadable, $"'{context.WorkingDirectory}' is not inside a git repository");
        try
        {
            using var repo = new Repository(gitDir);
            _predicate = Read(repo);
        }
        catch (LibGit2SharpException e)
        {
            throw new CilockException(EvidenceDiagnostics.GitUnreadable, $"cannot read the git repository at '{gitDir}': {e.Message}", e);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect) => _predicate?.ToJson();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect)
    {
        var subjects = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        if (_predicate is null || _predicate.CommitHash.Length == 0)
        {
            return subjects;
        }

        var p = _predicate;
        subjects["commithash:" + p.CommitHash] = Sha1(p.CommitHash);
        foreach (var parent in p.ParentHashes)
        {
            subjects["parenthash:" + parent] = Sha1(parent);
        }

        AddStringSubject(subjects, "authoremail:", p.AuthorEmail);
        AddStringSubject(subjects, "committeremail:", p.CommitterEmail);
        AddStringSubject(subjects, "refnameshort:", p.Branch);
        if (dialect == Dialect.Cilock)
        {
            foreach (var remote in p.Remotes)
            {
                AddStringSubject(subjects, "remote:", remote);
            }
        }

        return subjects;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetBackRefs(Dialect dialect)
    {
        var backrefs = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        if (_predicate is null || _predicate.CommitHash.Length == 0)
        {
            return backrefs;
        }

        backrefs["commithash:" + _predicate.CommitHash] = Sha1(_predicate.CommitHash);
        foreach (var parent in _predicate.ParentHashes)
        {
            backrefs["parenthash:" + parent] = Sha1(parent);
        }

        return backrefs;
    }

    /// <summary>Go's <c>time.Time.String()</c> for a fixed offset: <c>2024-02-19 16:58:36 +0000 +0000</c>.</summary>
    internal static string GoTimeString(DateTimeOffset when)
    {
        var sign = when.Offset < TimeSpan.Zero ? '-' : '+';
        var offset = when.Offset.Duration();
        var zone = string.Create(CultureInfo.InvariantCulture, $"{sign}{offset.Hours:00}{offset.Minutes:00}");
        return string.Create(CultureInfo.InvariantCulture, $"{when:yyyy-MM-dd HH:mm:ss} {zone} {zone}");
    }

    private static GitPredicate Read(Repository repo)
    {
        var status = ReadStatus(repo);
        var commit = repo.Head?.Tip;
        if (commit is null)
        {
            // A repository without commits: Go records an attestation with empty fields.
            return new GitPredicate { GitTool = "libgit2sharp", Status = status, Remotes = Remotes(repo) };
        }

        var refs = repo.Refs
            .Where(r => r.CanonicalName != "HEAD" && r.ResolveToDirectReference()?.TargetIdentifier == commit.Sha)
            .Select(r => r.CanonicalName)
            .Order(StringComparer.Ordinal)
            .ToList();
        var tags = repo.Tags
            .Where(t => t.PeeledTarget?.Sha == commit.Sha)
            .OrderBy(t => t.FriendlyName, StringComparer.Ordinal)
            .Select(t => t.IsAnnotated
                ? new GitTag(t.FriendlyName, t.Annotation.Tagger?.Name ?? "", t.Annotation.Tagger?.Email ?? "",
                    t.Annotation.Tagger is null ? "" : GoTimeString(t.Annotation.Tagger.When), "", t.Annotation.Message ?? "")
                : new GitTag(t.FriendlyName, "", "", "", "", ""))
            .ToList();
        return new GitPredicate
        {
            GitTool = "libgit2sharp",
            CommitHash = commit.Sha,
            Author = commit.Author.Name,
            AuthorEmail = commit.Author.Email,
            CommitterName = commit.Committer.Name,
            CommitterEmail = commit.Committer.Email,
            CommitDate = GoTimeString(commit.Committer.When),
            CommitMessage = commit.Message,
            Status = status,
            Signature = ReadSignature(repo, commit),
            ParentHashes = [.. commit.Parents.Select(p => p.Sha)],
            TreeHash = commit.Tree.Sha,
            Refs = refs,
            Remotes = Remotes(repo),
            Tags = tags,
            Branch = repo.Info.IsHeadDetached ? "" : repo.Head!.FriendlyName,
        };
    }

    private static string ReadSignature(Repository repo, Commit commit)
    {
        try
        {
            return Commit.ExtractSignature(repo, commit.Id).Signature ?? "";
        }
        catch (NotFoundException)
        {
            return "";
        }
    }

    private static List<string> Remotes(Repository repo) =>
        [.. repo.Network.Remotes.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => RemoteUrl.StripCredentials(r.Url))];

    private static Dictionary<string, GitFileStatus> ReadStatus(Repository repo)
    {
        var result = new Dictionary<string, GitFileStatus>(StringComparer.Ordinal);
        if (repo.Info.IsBare)
        {
            return result;
        }

        var entries = repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false });
        foreach (var entry in entries)
        {
            var state = entry.State;
            if (state is FileStatus.Unaltered or FileStatus.Ignored)
            {
                continue;
            }

            string? staging = null;
            string? worktree = null;
            if (state.HasFlag(FileStatus.NewInWorkdir))
            {
                staging = worktree = "untracked";
            }

            if (state.HasFlag(FileStatus.Conflicted))
            {
                staging = worktree = "updated";
            }

            staging ??= state.HasFlag(FileStatus.NewInIndex) ? "added"
                : state.HasFlag(FileStatus.ModifiedInIndex) || state.HasFlag(FileStatus.TypeChangeInIndex) ? "modified"
                : state.HasFlag(FileStatus.DeletedFromIndex) ? "deleted"
                : state.HasFlag(FileStatus.RenamedInIndex) ? "renamed"
                : null;
            worktree ??= state.HasFlag(FileStatus.ModifiedInWorkdir) || state.HasFlag(FileStatus.TypeChangeInWorkdir) ? "modified"
                : state.HasFlag(FileStatus.DeletedFromWorkdir) ? "deleted"
                : state.HasFlag(FileStatus.RenamedInWorkdir) ? "renamed"
                : null;
            if (staging is not null || worktree is not null)
            {
                result[entry.FilePath.Replace('\\', '/')] = new GitFileStatus(staging, worktree);
            }
        }

        return result;
    }

    private static DigestSet Sha1(string commit) => DigestSet.Create([new(DigestSet.Sha1, commit)]);

    private void AddStringSubject(Dictionary<string, DigestSet> subjects, string prefix, string value)
    {
        if (value.Length > 0)
        {
            subjects[prefix + value] = FileDigester.Compute(Encoding.UTF8.GetBytes(value), _hashes);
        }
    }
}

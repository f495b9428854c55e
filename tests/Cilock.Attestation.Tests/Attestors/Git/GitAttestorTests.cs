using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Git;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.TestUtilities;
using LibGit2Sharp;

namespace Cilock.Attestation.Tests.Attestors.Git;

[TestClass]
public sealed class GitAttestorTests
{
    [TestMethod]
    public async Task AttestAsync_TempRepository_RecordsCommitStatusRefsTagsAndStrippedRemotes()
    {
        using var dir = new TempDirectory();
        Repository.Init(dir.Path);
        string first, second;
        using (var repo = new Repository(dir.Path))
        {
            var when = new DateTimeOffset(2024, 2, 19, 16, 58, 36, TimeSpan.Zero);
            var author = new Signature("Ada", "ada@example.com", when);
            dir.WriteFile("a.txt", "A\n");
            Commands.Stage(repo, "a.txt");
            first = repo.Commit("first\n", author, author).Sha;
            dir.WriteFile("b.txt", "B\n");
            Commands.Stage(repo, "b.txt");
            second = repo.Commit("second\n", author, author).Sha;
            repo.ApplyTag("v1.0.0");
            repo.Network.Remotes.Add("origin", "https://user:ghp_token123@github.com/acme/app.git");
            dir.WriteFile("a.txt", "changed\n");
            dir.WriteFile("new.txt", "n\n");
        }

        var attestor = new GitAttestor();
        var run = await new AttestationContext(new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "s", Environment = new Dictionary<string, string>() }, [attestor]).RunAsync();

        Assert.IsTrue(run.Succeeded, string.Join("; ", run.Diagnostics.Select(d => d.Message)));
        var p = attestor.Predicate!;
        Assert.AreEqual(second, p.CommitHash);
        CollectionAssert.AreEqual(new[] { first }, p.ParentHashes.ToArray());
        Assert.AreEqual("ada@example.com", p.AuthorEmail);
        Assert.AreEqual("2024-02-19 16:58:36 +0000 +0000", p.CommitDate);
        Assert.AreEqual("second\n", p.CommitMessage);
        Assert.AreEqual(40, p.TreeHash.Length);
        Assert.AreEqual(new GitFileStatus(null, "modified"), p.Status["a.txt"]);
        Assert.AreEqual(new GitFileStatus("untracked", "untracked"), p.Status["new.txt"]);
        CollectionAssert.AreEqual(new[] { "https://github.com/acme/app.git" }, p.Remotes.ToArray());
        Assert.AreEqual("v1.0.0", p.Tags.Single().Name);
        CollectionAssert.Contains(p.Refs.ToList(), "refs/tags/v1.0.0");
        Assert.IsFalse(string.IsNullOrEmpty(p.Branch));

        var json = Encoding.UTF8.GetString(CollectionBuilder.Build(run, Dialect.Cilock).ToJsonBytes());
        Assert.IsFalse(json.Contains("ghp_token123", StringComparison.Ordinal));

        var subjects = attestor.GetSubjects(Dialect.Cilock);
        Assert.AreEqual(second, subjects["commithash:" + second]["sha1"]);
        Assert.AreEqual(first, subjects["parenthash:" + first]["sha1"]);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData("ada@example.com"u8)), subjects["authoremail:ada@example.com"].Sha256Hex);
        Assert.IsTrue(subjects.ContainsKey("refnameshort:" + p.Branch));
        Assert.IsTrue(subjects.ContainsKey("remote:https://github.com/acme/app.git"));
        Assert.IsFalse(attestor.GetSubjects(Dialect.Witness).Keys.Any(k => k.StartsWith("remote:", StringComparison.Ordinal)));
        CollectionAssert.AreEquivalent(new[] { "commithash:" + second, "parenthash:" + first }, attestor.GetBackRefs(Dialect.Cilock).Keys.ToArray());
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public async Task AttestAsync_RepositoryMadeWithGitCli_AgreesWithRevParse()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("x.txt", "x\n");
        string[][] steps =
        [
            ["init", "-q", "-b", "main"],
            ["add", "x.txt"],
            ["-c", "user.name=Bob", "-c", "user.email=bob@example.com", "commit", "-q", "-m", "one"],
        ];
        foreach (var step in steps)
        {
            var r = ProcessRunner.Run("git", step, dir.Path);
            Assert.AreEqual(0, r.ExitCode, r.Output);
        }

        var attestor = new GitAttestor();
        await new AttestationContext(new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "s", Environment = new Dictionary<string, string>() }, [attestor]).RunAsync();

        Assert.AreEqual(ProcessRunner.Run("git", ["rev-parse", "HEAD"], dir.Path).StandardOutput.Trim(), attestor.Predicate!.CommitHash);
        Assert.AreEqual(ProcessRunner.Run("git", ["rev-parse", "HEAD^{tree}"], dir.Path).StandardOutput.Trim(), attestor.Predicate.TreeHash);
        Assert.AreEqual("main", attestor.Predicate.Branch);
        Assert.AreEqual(0, attestor.Predicate.Status.Count);
    }

    [TestMethod]
    public async Task AttestAsync_RepositoryWithoutCommits_RecordsEmptyFields()
    {
        using var dir = new TempDirectory();
        Repository.Init(dir.Path);
        var attestor = new GitAttestor();
        var run = await new AttestationContext(new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "s", Environment = new Dictionary<string, string>() }, [attestor]).RunAsync();
        Assert.IsTrue(run.Succeeded);
        Assert.AreEqual("", attestor.Predicate!.CommitHash);
        Assert.AreEqual(0, attestor.GetSubjects(Dialect.Cilock).Count);
    }

    [TestMethod]
    public async Task AttestAsync_NotARepository_FailsWithCil1044()
    {
        using var dir = new TempDirectory();
        var run = await new AttestationContext(new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "s", Environment = new Dictionary<string, string>() }, [new GitAttestor()]).RunAsync();
        Assert.AreEqual("CIL1044", run.Diagnostics.Single().Code);
    }

    [TestMethod]
    [DataRow("https://user:token@github.com/acme/app.git", "https://github.com/acme/app.git")]
    [DataRow("https://x-access-token:p@ss@host/r", "https://host/r")]
    [DataRow("http://token@host:8080/r", "http://host:8080/r")]
    [DataRow("ssh://git:pw@host/r.git", "ssh://git@host/r.git")]
    [DataRow("ssh://git@host/r.git", "ssh://git@host/r.git")]
    [DataRow("git@github.com:acme/app.git", "git@github.com:acme/app.git")]
    [DataRow("https://github.com/acme/app.git", "https://github.com/acme/app.git")]
    public void StripCredentials_RemovesSecrets(string url, string expected) =>
        Assert.AreEqual(expected, RemoteUrl.StripCredentials(url));

    [TestMethod]
    public void GoTimeString_NegativeOffset_MatchesGoFormat() =>
        Assert.AreEqual("2026-05-29 02:02:03 -0530 -0530", GitAttestor.GoTimeString(new DateTimeOffset(2026, 5, 29, 2, 2, 3, TimeSpan.FromMinutes(-330))));
}

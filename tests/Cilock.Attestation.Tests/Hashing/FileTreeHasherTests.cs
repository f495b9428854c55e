using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Hashing;

[TestClass]
public sealed class FileTreeHasherTests
{
    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public async Task HashAsync_GeneratedTree_MatchesSha256sum()
    {
        using var dir = new TempDirectory();
        var random = new Random(42);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(0, 300_000)];
            random.NextBytes(bytes);
            var path = dir.Combine($"d{i % 5}", $"sub{i % 3}", $"f{i}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
        }

        var ours = await FileTreeHasher.HashAsync(new FileTreeHashOptions { Root = dir.Path });

        var result = ProcessRunner.Run("sh", ["-c", "find . -type f -print0 | xargs -0 sha256sum"], dir.Path);
        Assert.AreEqual(0, result.ExitCode, result.Output);
        var expected = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => (Hash: l[..64], Path: l[66..].TrimStart('.', '/')))
            .ToDictionary(x => x.Path, x => x.Hash);
        Assert.AreEqual(40, expected.Count);
        Assert.AreEqual(expected.Count, ours.Files.Count);
        foreach (var (path, hash) in expected)
        {
            Assert.AreEqual(hash, ours.Files[path].Sha256Hex, path);
        }
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public async Task HashAsync_GitoidSha1_MatchesGitHashObject()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[70_000];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(dir.Combine("blob.bin"), bytes);

        var ours = await FileTreeHasher.HashAsync(new FileTreeHashOptions { Root = dir.Path, Algorithms = [DigestSet.GitoidSha1, DigestSet.Sha1] });

        var git = ProcessRunner.Run("git", ["hash-object", "blob.bin"], dir.Path);
        Assert.AreEqual(0, git.ExitCode, git.Output);
        Assert.AreEqual("gitoid:blob:sha1:" + git.StandardOutput.Trim(), ours.Files["blob.bin"][DigestSet.GitoidSha1]);
        var sha1 = ProcessRunner.Run("sha1sum", ["blob.bin"], dir.Path);
        Assert.AreEqual(sha1.StandardOutput[..40], ours.Files["blob.bin"][DigestSet.Sha1]);
    }

    [TestMethod]
    public async Task HashAsync_SkipsGitFolderAndUsesForwardSlashes()
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".git/config", "x");
        dir.WriteFile("src/a.cs", "a");
        var result = await FileTreeHasher.HashAsync(new FileTreeHashOptions { Root = dir.Path });
        CollectionAssert.AreEqual(new[] { "src/a.cs" }, result.Files.Keys.ToArray());
    }

    [TestMethod]
    public async Task HashAsync_Globs_FilterPaths()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a.cs", "a");
        dir.WriteFile("src/b.cs", "b");
        dir.WriteFile("src/c.txt", "c");
        dir.WriteFile("obj/d.cs", "d");
        var result = await FileTreeHasher.HashAsync(new FileTreeHashOptions
        {
            Root = dir.Path,
            IncludeGlobs = ["**/*.cs"],
            ExcludeGlobs = ["obj/*"],
        });
        CollectionAssert.AreEquivalent(new[] { "a.cs", "src/b.cs" }, result.Files.Keys.ToArray());
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public async Task HashAsync_SymlinkEscapingRoot_IsSkippedWithWarning()
    {
        using var outside = new TempDirectory();
        var secret = outside.WriteFile("secret.txt", "outside");
        using var dir = new TempDirectory();
        dir.WriteFile("inside.txt", "inside");
        File.CreateSymbolicLink(dir.Combine("escape.txt"), secret);
        Directory.CreateSymbolicLink(dir.Combine("escapedir"), outside.Path);
        File.CreateSymbolicLink(dir.Combine("alias.txt"), dir.Combine("inside.txt"));

        var result = await FileTreeHasher.HashAsync(new FileTreeHashOptions { Root = dir.Path });

        CollectionAssert.AreEquivalent(new[] { "alias.txt", "inside.txt" }, result.Files.Keys.ToArray());
        Assert.AreEqual(result.Files["inside.txt"], result.Files["alias.txt"]);
        Assert.AreEqual(2, result.Diagnostics.Count(d => d.Code == "CIL1043"));
    }

    [TestMethod]
    public async Task HashFilesAsync_ExplicitList_NamesRelativePrefixedOrAbsolute()
    {
        using var project = new TempDirectory();
        using var packages = new TempDirectory();
        using var other = new TempDirectory();
        var source = project.WriteFile("src/Program.cs", "class P {}");
        var reference = packages.WriteFile("newtonsoft.json/13.0.3/lib/net6.0/Newtonsoft.Json.dll", "dll");
        var loose = other.WriteFile("x.dll", "x");
        var list = new FileList(project.Path, [source, reference, loose, project.Combine("missing.cs")])
        {
            NamedRoots = new Dictionary<string, string> { ["nuget"] = packages.Path },
        };

        var result = await FileTreeHasher.HashFilesAsync(list.Resolve(), [DigestSet.Sha256]);

        CollectionAssert.AreEquivalent(
            new[] { "src/Program.cs", "nuget:newtonsoft.json/13.0.3/lib/net6.0/Newtonsoft.Json.dll", loose.Replace('\\', '/') },
            result.Files.Keys.ToArray());
        Assert.AreEqual("CIL1046", result.Diagnostics.Single().Code);
    }
}

using Cilock.Hardening.Tests.Infrastructure;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>
/// A package whose zip entries are named <c>../../escape.txt</c> (and an absolute path) goes through
/// <c>cilock run --secretscan</c> (the archive scanner reads every entry) and the verify-then-push gate into a folder
/// feed, flat and hierarchical: nothing may be written outside the feed, whatever the verdict.
/// </summary>
[TestClass]
public sealed class PackageEntryTraversalTests
{
    [TestMethod]
    [TestCategory("Integration")]
    [DataRow(false)]
    [DataRow(true)]
    public void Push_NupkgWithTraversalEntries_WritesNothingOutsideTheFeed(bool hierarchical)
    {
        using var dir = new TempDirectory();
        var work = Directory.CreateDirectory(dir.Combine("a", "b", "work")).FullName;
        var feed = Directory.CreateDirectory(dir.Combine("a", "b", "feed")).FullName;
        if (hierarchical)
        {
            Directory.CreateDirectory(Path.Combine(feed, "other", "1.0.0"));
        }

        File.WriteAllBytes(dir.Combine("staged.nupkg"), Pipeline.CreateNupkg("App", "1.0.0", "lib\n"u8.ToArray(),
            [("../../escape.txt", "escaped\n"u8.ToArray()), ("../../../escape.txt", "escaped\n"u8.ToArray()), ("/tmp/cilock-escape-" + Path.GetFileName(dir.Path) + ".txt", "abs\n"u8.ToArray())]));
        Run(dir, "keygen", "-o", "k");
        Run(dir, "keygen", "-o", "pol");
        Run(dir, "run", "-s", "package", "-k", "k.key", "-o", "evidence/package.json", "-d", work, "--secretscan", "--", "cp", dir.Combine("staged.nupkg"), "App.1.0.0.nupkg");
        Run(dir, "policy", "new", "--from", "evidence", "-k", "k.pub", "-o", "policy.json");
        Run(dir, "policy", "sign", "policy.json", "-k", "pol.key", "-o", "policy.signed.json");

        var push = CilockProcess.Run(dir.Path, null, "push", work + "/App.1.0.0.nupkg", "--source", feed, "--policy", "policy.signed.json",
            "--publickey", "pol.pub", "--attestations", "evidence");

        Assert.IsFalse(push.Output.Contains("CIL1999", StringComparison.Ordinal), push.Output);
        var escaped = Directory.EnumerateFiles(dir.Path, "*escape*", SearchOption.AllDirectories).ToList();
        Assert.IsEmpty(escaped, string.Join(", ", escaped));
        Assert.IsFalse(File.Exists("/tmp/cilock-escape-" + Path.GetFileName(dir.Path) + ".txt"));
    }

    private static void Run(TempDirectory dir, params string[] args)
    {
        var r = CilockProcess.Run(dir.Path, null, args);
        Assert.AreEqual(0, r.ExitCode, r.Output);
    }
}

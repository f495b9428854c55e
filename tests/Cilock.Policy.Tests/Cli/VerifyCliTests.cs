using System.Text.Json.Nodes;
using Cilock.TestUtilities;

namespace Cilock.Policy.Tests.Cli;

/// <summary>
/// The real <c>cilock</c> binary end to end: <c>run</c> records evidence with the evidence library, <c>policy new</c>
/// scaffolds, <c>policy sign</c>/<c>check</c>, then <c>verify</c> with exit codes 0/1/2 and the JSON verdict.
/// </summary>
[TestClass]
public sealed class VerifyCliTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void Cilock_RunNewSignCheckVerify_ExitCodesAndJson()
    {
        using var dir = new TempDirectory();
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;
        File.WriteAllText(Path.Combine(work, "in.txt"), "source\n");
        Assert.AreEqual(0, Cilock(dir, "keygen", "-o", "build").ExitCode);
        Assert.AreEqual(0, Cilock(dir, "keygen", "-o", "pol").ExitCode);
        var run = Cilock(dir, "run", "-s", "build", "-k", "build.key", "-o", "ev/build.json", "-d", work, "--", "sh", "-c", "cat in.txt > out.txt");
        Assert.AreEqual(0, run.ExitCode, run.Output);

        Assert.AreEqual(0, Cilock(dir, "policy", "new", "--from", "ev", "-k", "build.pub", "-o", "policy.json").ExitCode);
        Assert.AreEqual(0, Cilock(dir, "policy", "sign", "policy.json", "-k", "pol.key", "-o", "policy.signed.json").ExitCode);
        Assert.AreEqual(0, Cilock(dir, "policy", "check", "policy.signed.json", "-k", "pol.pub").ExitCode);
        var wrongKey = Cilock(dir, "policy", "check", "policy.signed.json", "-k", "build.pub");
        Assert.AreEqual(1, wrongKey.ExitCode);
        StringAssert.Contains(wrongKey.StandardError, "CIL3003");

        var pass = Cilock(dir, "verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", "work/out.txt", "-a", "ev", "--format", "json");
        Assert.AreEqual(0, pass.ExitCode, pass.Output);
        var verdict = JsonNode.Parse(pass.StandardOutput)!;
        Assert.IsTrue(verdict["passed"]!.GetValue<bool>());
        Assert.AreEqual("build", verdict["step"]!.GetValue<string>());

        File.WriteAllText(Path.Combine(work, "out.txt"), "replaced\n");
        var fail = Cilock(dir, "verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", "work/out.txt", "-a", "ev");
        Assert.AreEqual(1, fail.ExitCode, fail.Output);
        StringAssert.Contains(fail.StandardOutput, "FAIL  step build");

        var usage = Cilock(dir, "verify", "-p", "policy.signed.json", "-k", "pol.pub", "-a", "ev");
        Assert.AreEqual(2, usage.ExitCode);
        StringAssert.Contains(usage.StandardError, "CIL3118");
        Assert.AreEqual(2, Cilock(dir, "verify", "-p", "missing.json", "-k", "pol.pub", "-f", "work/out.txt", "-a", "ev").ExitCode);
    }

    private static ProcessResult Cilock(TempDirectory dir, params string[] args) => CilockCli.Run(dir, args);
}

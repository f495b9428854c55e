using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Commands;

/// <summary><c>cilock push</c>: the plain push needs a policy, <c>--evidence-only</c> does not.</summary>
[TestClass]
public sealed class PushCommandTests
{
    [TestMethod]
    public void Push_WithoutPolicy_PolicyRequiredExit2()
    {
        using var temp = new TempDirectory("cilock-push-cli");
        var package = temp.Combine("A.1.0.0.nupkg");
        File.WriteAllText(package, "x");

        var result = CliHarness.Invoke("push", package, "--source", temp.Combine("feed"));

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "CIL3815");
    }

    [TestMethod]
    public void Push_EvidenceOnlyWithoutPolicy_NoPolicyErrorButMissingEvidence()
    {
        using var temp = new TempDirectory("cilock-push-cli");
        var package = temp.Combine("A.1.0.0.nupkg");
        File.WriteAllText(package, "x");

        // Plain http without --allow-insecure-connections is refused before anything is sent.
        var insecure = CliHarness.Invoke("push", package, "--source", "http://127.0.0.1:9/v3/index.json", "--evidence-only");
        var https = CliHarness.Invoke("push", package, "--source", "https://127.0.0.1:9/", "--evidence-only", "--attestations", temp.Combine("missing.jsonl"));

        Assert.AreEqual(2, insecure.ExitCode, insecure.Output);
        StringAssert.Contains(insecure.StandardError, "CIL3809");
        Assert.AreEqual(2, https.ExitCode, https.Output);
        StringAssert.Contains(https.StandardError, "CIL3812");
        Assert.DoesNotContain("CIL3815", insecure.Output + https.Output);
    }
}

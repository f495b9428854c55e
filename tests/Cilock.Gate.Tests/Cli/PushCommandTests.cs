using Cilock.Gate.Tests.Infrastructure;
using Cilock.TestUtilities;

namespace Cilock.Gate.Tests.Cli;

/// <summary>`cilock push` as a real process: exit codes, printed reasons, and no API key in any output.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class PushCommandTests
{
    private const string PlantedKey = "oy2-planted-cli-key-9d1e77";

    [TestMethod]
    public void Push_VerifiedPackage_ExitsZeroAndPrintsWhereItWent()
    {
        using var s = new GateScenario();

        var result = Cilock(s, "push", s.Package, "--source", s.Feed, "--policy", s.PolicyPath, "--publickey", s.PolicyKeyPath);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardOutput, "pushed Acme.Widget 1.0.0");
        StringAssert.Contains(result.StandardOutput, TestPackages.Sha256(s.Package));
        Assert.IsTrue(File.Exists(Path.Combine(s.Feed, "Acme.Widget.1.0.0.nupkg.intoto.jsonl")));
    }

    [TestMethod]
    public void Push_AttestationsDirectoryToFolderFeed_PublishesPassingEnvelopeBesidePackage()
    {
        using var s = new GateScenario();
        var (directory, passing) = s.WriteEvidenceDirectory();

        var result = Cilock(s, "push", s.Package, "--source", s.Feed, "--policy", s.PolicyPath, "--publickey", s.PolicyKeyPath, "--attestations", directory);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var sidecar = Path.Combine(s.Feed, "Acme.Widget.1.0.0.nupkg.intoto.jsonl");
        StringAssert.Contains(result.StandardOutput, $"evidence: {sidecar}");
        Assert.AreEqual(passing + "\n", File.ReadAllText(sidecar));
    }

    [TestMethod]
    public void Push_ExpiredPolicy_ExitsOneWithReasonAndFeedUnchanged()
    {
        using var s = new GateScenario();
        s.WritePolicy(DateTimeOffset.UtcNow.AddDays(-1));

        var result = Cilock(s, "push", s.Package, "--source", s.Feed, "--policy", s.PolicyPath, "--publickey", s.PolicyKeyPath);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "cilock: error CIL3801:");
        StringAssert.Contains(result.StandardError, "CIL3004");
        Assert.AreEqual(0, s.FeedEntries().Length);
        Assert.IsFalse(result.Output.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    public void Push_TamperedPackage_ExitsOne()
    {
        using var s = new GateScenario();
        File.AppendAllText(s.Package, "x");

        var result = Cilock(s, "push", s.Package, "--source", s.Feed, "--policy", s.PolicyPath, "--publickey", s.PolicyKeyPath);

        Assert.AreEqual(1, result.ExitCode, result.Output);
        Assert.AreEqual(0, s.FeedEntries().Length);
    }

    [TestMethod]
    public void Push_MissingFolderFeed_ExitsTwoWithCode()
    {
        using var s = new GateScenario();

        var result = Cilock(s, "push", s.Package, "--source", s.Temp.Combine("missing-feed"), "--policy", s.PolicyPath, "--publickey", s.PolicyKeyPath);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "cilock: error CIL3803:");
    }

    [TestMethod]
    public void Push_HttpUnauthorized_ExitsTwoAndKeyNeverPrinted()
    {
        using var s = new GateScenario();
        using var server = new FakeNuGetServer(401);

        var result = Cilock(s, "push", s.Package, "--source", server.PushUrl, "--policy", s.PolicyPath, "--publickey", s.PolicyKeyPath,
            "--allow-insecure-connections", "--api-key-env", "GATE_TEST_KEY", "--verbose");

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "CIL3805");
        Assert.AreEqual(PlantedKey, server.Puts.First().ApiKey, "the server received the key");
        var everything = result.Output + string.Join('\n', server.ServerLog) + ReadAll(s.Temp.Path);
        Assert.IsFalse(everything.Contains(PlantedKey, StringComparison.OrdinalIgnoreCase), "the key leaked into an output or file");
    }

    [TestMethod]
    public void Push_HttpWithoutAllowInsecure_ExitsTwoAndSendsNothing()
    {
        using var s = new GateScenario();
        using var server = new FakeNuGetServer();

        var result = Cilock(s, "push", s.Package, "--source", server.PushUrl, "--policy", s.PolicyPath, "--publickey", s.PolicyKeyPath);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "CIL3809");
        Assert.AreEqual(0, server.Requests.Count);
    }

    private static ProcessResult Cilock(GateScenario s, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "cilock.dll");
        var environment = new Dictionary<string, string?>
        {
            ["GATE_TEST_KEY"] = PlantedKey,
            ["NUGET_API_KEY"] = null,
            ["CILOCK_HOME"] = s.Temp.Combine("home"),
        };
        return ProcessRunner.Run("dotnet", [cli, .. args], workingDirectory: s.Temp.Path, environment: environment, timeout: TimeSpan.FromMinutes(2));
    }

    private static string ReadAll(string directory) =>
        string.Join('\n', Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length < 1_000_000)
            .Select(File.ReadAllText));
}

namespace Cilock.Hardening.Tests.Leaks;

/// <summary>
/// Issue #12 §4: after run/verify/push with planted secrets, no file in the work tree, the evidence (payloads decoded),
/// the VSA, the feeds and the captured logs contains any raw secret (the files the user planted are excluded).
/// </summary>
[TestClass]
public sealed class SecretLeakTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void Scenario_RanEveryStage()
    {
        var s = LeakScenario.Instance;
        var logs = Directory.GetFiles(Path.Combine(s.Root, "logs")).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        StringAssert.Contains(logs[2], "exit 0", logs[2]);   // run
        StringAssert.Contains(logs[5], "exit 0", logs[5]);   // verify passed
        StringAssert.Contains(logs[6], "exit 0", logs[6]);   // pushed to the folder feed
        StringAssert.Contains(logs[7], "exit 2", logs[7]);   // the HTTP feed refused the key
        StringAssert.Contains(logs[7], "CIL3805", logs[7]);
        Assert.IsGreaterThan(0, s.FeedRequests, "the push never reached the HTTP feed");
        Assert.IsNotEmpty(Directory.GetFiles(Path.Combine(s.Root, "feed"), "*.nupkg", SearchOption.AllDirectories));
        var evidence = string.Join("\n", s.Haystacks().Where(h => h.File.Contains("build.json (decoded", StringComparison.Ordinal)).Select(h => h.Text));
        StringAssert.Contains(evidence, "/secretscan/", "the secret scanner did not run");
    }

    [TestMethod]
    [TestCategory("Integration")]
    [DataRow("env-var")]
    [DataRow("env-var-printed")]
    [DataRow("oidc-token-env")]
    [DataRow("command-output")]
    [DataRow("product-file")]
    [DataRow("nuget-api-key")]
    public void Secret_NeverAppearsOutsidePlantedFiles(string kind)
    {
        var s = LeakScenario.Instance;
        var secret = s.Secrets[kind];

        var hits = s.Haystacks().Where(h => h.Text.Contains(secret, StringComparison.Ordinal)).Select(h => h.File).ToList();

        Assert.IsEmpty(hits, $"{kind} leaked into: {string.Join(", ", hits)}");
    }
}

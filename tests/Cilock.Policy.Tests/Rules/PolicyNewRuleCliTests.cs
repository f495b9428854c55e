using System.Text;
using System.Text.Json.Nodes;
using Cilock.TestUtilities;

namespace Cilock.Policy.Tests.Rules;

/// <summary><c>cilock policy new --rule</c> through the built binary on evidence recorded by our attestors.</summary>
[TestClass]
public sealed class PolicyNewRuleCliTests
{
    private const string PipelineType = "https://aflock.ai/attestations/pipeline-definition/v0.1";

    [TestMethod]
    [TestCategory("Integration")]
    public void PolicyNew_RuleActionsPinned_DeniesTagReferenceThenPassesWhenPinned()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("w"));
        Assert.AreEqual(0, Cilock(dir, "keygen", "-o", "k").ExitCode);
        Assert.AreEqual(0, Cilock(dir, "keygen", "-o", "pol").ExitCode);
        Record(dir, "some-owner/scanner-action@v0.24");

        var scaffold = Cilock(dir, "policy", "new", "--from", "ev", "-k", "k.pub", "--rule", "actions-pinned", "--rule", "actions-allowed-owners:allowed_owners=[\"actions\",\"some-owner\"]", "-o", "policy.json");
        Assert.AreEqual(0, scaffold.ExitCode, scaffold.Output);
        var entry = JsonNode.Parse(File.ReadAllText(dir.Combine("policy.json")))!["steps"]!["build"]!["attestations"]!.AsArray()
            .Single(a => (string)a!["type"]! == PipelineType)!;
        var modules = entry["regopolicies"]!.AsArray();
        CollectionAssert.AreEqual(new[] { "actions-pinned.rego", "actions-allowed-owners.rego" }, modules.Select(m => (string)m!["name"]!).ToArray());
        StringAssert.Contains(Encoding.UTF8.GetString(Convert.FromBase64String((string)modules[1]!["module"]!)), "allowed_owners := [\"actions\",\"some-owner\"]");
        Assert.AreEqual(0, Cilock(dir, "policy", "sign", "policy.json", "-k", "pol.key", "-o", "policy.signed.json").ExitCode);

        var denied = Cilock(dir, "verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", "w/out.txt", "-a", "ev");
        Assert.AreEqual(1, denied.ExitCode, denied.Output);
        StringAssert.Contains(denied.Output, "some-owner/scanner-action@v0.24 (.github/workflows/ci.yml:6) is referenced by tag or branch, pin it to a full commit SHA");
        Assert.DoesNotContain("is not from an allowed owner", denied.Output);

        Record(dir, "some-owner/scanner-action@11bd71901bbe5b1630ceea73d27597364c9af683");
        var passed = Cilock(dir, "verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", "w/out.txt", "-a", "ev");
        Assert.AreEqual(0, passed.ExitCode, passed.Output);
    }

    [TestMethod]
    [TestCategory("Integration")]
    [DataRow("CIL3260", "no-such-rule")]
    [DataRow("CIL3261", "actions-allowed-owners")]
    [DataRow("CIL3261", "actions-allowed-owners:allowed_owners=[oops")]
    [DataRow("CIL3262", "tests-passed")]
    public void PolicyNew_BadRule_CodedErrorExit2NoPolicyWritten(string code, string rule)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("w"));
        Assert.AreEqual(0, Cilock(dir, "keygen", "-o", "k").ExitCode);
        Record(dir, "actions/checkout@v4");

        var result = Cilock(dir, "policy", "new", "--from", "ev", "-k", "k.pub", "--rule", rule, "-o", "policy.json");
        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, $"error {code}:");
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.IsFalse(File.Exists(dir.Combine("policy.json")));
    }

    private static void Record(TempDirectory dir, string uses) => RulesCliTests.Record(dir, uses);

    private static ProcessResult Cilock(TempDirectory dir, params string[] args) => RulesCliTests.Cilock(dir, args);
}

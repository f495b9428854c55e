using System.Text.Json.Nodes;
using Cilock.Policy.Rules;
using Cilock.Rego;
using Cilock.TestUtilities;

namespace Cilock.Policy.Tests.Rules;

/// <summary><c>cilock policy rules</c> through the built binary.</summary>
[TestClass]
public sealed class RulesCliTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void PolicyRules_NoName_ListsEveryRuleWithTypesAndParameters()
    {
        using var dir = new TempDirectory();
        var text = Cilock(dir, "policy", "rules");
        Assert.AreEqual(0, text.ExitCode, text.Output);
        foreach (var rule in PolicyRuleLibrary.Rules)
        {
            StringAssert.Contains(text.StandardOutput, rule.Name + "\n");
            StringAssert.Contains(text.StandardOutput, rule.Description);
        }

        StringAssert.Contains(text.StandardOutput, "param allowed_owners (required)");
        StringAssert.Contains(text.StandardOutput, "https://aflock.ai/attestations/pipeline-definition/v0.1");

        var json = Cilock(dir, "policy", "rules", "--json");
        Assert.AreEqual(0, json.ExitCode, json.Output);
        var rules = JsonNode.Parse(json.StandardOutput)!.AsArray();
        Assert.HasCount(PolicyRuleLibrary.Rules.Count, rules);
        var sbom = rules.Single(r => (string)r!["name"]! == "sbom-denied-components")!;
        Assert.AreEqual("denied_components", (string)sbom["parameters"]![0]!["name"]!);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void PolicyRules_NameWithParam_PrintsSelfContainedModuleThatDenies()
    {
        using var dir = new TempDirectory();
        var result = Cilock(dir, "policy", "rules", "actions-allowed-owners", "--param", "allowed_owners=[\"actions\"]");
        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardOutput, "allowed_owners := [\"actions\"]");

        var deny = RegoCompiler.Compile([new RegoModule("r.rego", result.StandardOutput)]).EvaluateDeny("{\"actionref\":\"evil/x@v1\"}");
        Assert.AreEqual("evil/x@v1 (github-action step) is not from an allowed owner (actions)", deny.Reasons.Single());
    }

    [TestMethod]
    [TestCategory("Integration")]
    [DataRow("CIL3261", "actions-allowed-owners")]
    [DataRow("CIL3261", "actions-allowed-owners", "--param", "allowed_owners=[oops")]
    [DataRow("CIL3260", "no-such-rule")]
    public void PolicyRules_BadInput_CodedErrorExit2(string code, params string[] args)
    {
        using var dir = new TempDirectory();
        var result = Cilock(dir, ["policy", "rules", .. args]);
        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, $"error {code}:");
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Verify_PolicyWithRenderedRules_DeniesTagReferenceThenPassesWhenPinned()
    {
        using var dir = new TempDirectory();
        var work = Directory.CreateDirectory(dir.Combine("w")).FullName;
        Assert.AreEqual(0, Cilock(dir, "keygen", "-o", "k").ExitCode);
        Assert.AreEqual(0, Cilock(dir, "keygen", "-o", "pol").ExitCode);

        Record(dir, "some-owner/scanner-action@v0.24");
        Assert.AreEqual(0, Cilock(dir, "policy", "new", "--from", "ev", "-k", "k.pub", "-o", "policy.json").ExitCode);
        var pin = Cilock(dir, "policy", "rules", "actions-pinned").StandardOutput;
        var owners = Cilock(dir, "policy", "rules", "actions-allowed-owners", "--param", "allowed_owners=[\"actions\"]").StandardOutput;
        var policy = JsonNode.Parse(File.ReadAllText(dir.Combine("policy.json")))!;
        var entry = policy["steps"]!["build"]!["attestations"]!.AsArray()
            .Single(a => (string)a!["type"]! == "https://aflock.ai/attestations/pipeline-definition/v0.1")!;
        entry["regopolicies"] = new JsonArray(
            new JsonObject { ["name"] = "pin.rego", ["module"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pin)) },
            new JsonObject { ["name"] = "owners.rego", ["module"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(owners)) });
        File.WriteAllText(dir.Combine("policy.json"), policy.ToJsonString());
        Assert.AreEqual(0, Cilock(dir, "policy", "sign", "policy.json", "-k", "pol.key", "-o", "policy.signed.json").ExitCode);

        var denied = Cilock(dir, "verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", "w/out.txt", "-a", "ev");
        Assert.AreEqual(1, denied.ExitCode, denied.Output);
        StringAssert.Contains(denied.Output, "some-owner/scanner-action@v0.24 (.github/workflows/ci.yml:6) is referenced by tag or branch");
        StringAssert.Contains(denied.Output, "some-owner/scanner-action@v0.24 (.github/workflows/ci.yml:6) is not from an allowed owner (actions)");

        Record(dir, "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683");
        var passed = Cilock(dir, "verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", "w/out.txt", "-a", "ev");
        Assert.AreEqual(0, passed.ExitCode, passed.Output);
    }

    internal static void Record(TempDirectory dir, string uses)
    {
        dir.WriteFile("w/.github/workflows/ci.yml", $"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: {uses}\n");
        File.Delete(dir.Combine("w", "out.txt"));
        var run = Cilock(dir, "run", "-s", "build", "-k", "k.key", "-o", "ev/build.json", "-d", "w", "-a", "pipeline-definition", "--", "sh", "-c", "echo hi > out.txt");
        Assert.AreEqual(0, run.ExitCode, run.Output);
    }

    internal static ProcessResult Cilock(TempDirectory dir, params string[] args) => CilockCli.Run(dir, args);
}

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

    private static ProcessResult Cilock(TempDirectory dir, params string[] args)
    {
        var dll = new[] { "Debug", "Release" }
            .Select(c => Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Cli", "bin", c, "net10.0", "cilock.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new AssertInconclusiveException("cilock.dll is not built; run dotnet build src/Cilock.Cli first");
        return ProcessRunner.Run("dotnet", [dll, .. args], dir.Path, new Dictionary<string, string?> { ["CILOCK_HOME"] = dir.Combine("home") }, TimeSpan.FromMinutes(2));
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Model;
using Cilock.Policy.Rules;

namespace Cilock.Policy.Tests.Rules;

[TestClass]
public sealed class PolicyRuleApplierTests
{
    private const string PipelineType = "https://aflock.ai/attestations/pipeline-definition/v0.1";
    private const string GitType = "https://aflock.ai/attestations/git/v0.1";

    [TestMethod]
    public void Apply_TwoStepsOfType_EveryMatchingEntryGetsOneRenderedModule()
    {
        var policy = Policy(("a", [PipelineType, GitType]), ("b", [PipelineType]));
        var request = new PolicyRuleRequest("Actions-Allowed-Owners", new Dictionary<string, JsonNode?> { ["allowed_owners"] = new JsonArray("actions") });

        PolicyRuleApplier.Apply(policy, request);
        PolicyRuleApplier.Apply(policy, request);

        foreach (var step in policy.Steps!.Values)
        {
            var entry = step.Attestations!.Single(a => a.Type == PipelineType);
            var module = entry.RegoPolicies!.Single();
            Assert.AreEqual("actions-allowed-owners.rego", module.Name);
            Assert.AreEqual(PolicyRuleLibrary.Render("actions-allowed-owners", request.Parameters).Source, Encoding.UTF8.GetString(Convert.FromBase64String(module.Module!)));
        }

        Assert.IsNull(policy.Steps["a"].Attestations!.Single(a => a.Type == GitType).RegoPolicies);
    }

    [TestMethod]
    [DataRow("tests-passed", "CIL3262")]
    [DataRow("nope", "CIL3260")]
    public void Apply_NoEntryOfTypeOrUnknownRule_CodedErrorPolicyUnchanged(string rule, string code)
    {
        var policy = Policy(("a", [GitType]));

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyRuleApplier.Apply(policy, new PolicyRuleRequest(rule, new Dictionary<string, JsonNode?>())));

        Assert.AreEqual(code, e.Code);
        Assert.IsNull(policy.Steps!["a"].Attestations!.Single().RegoPolicies);
    }

    private static PolicyDocument Policy(params (string Name, string[] Types)[] steps) => new()
    {
        Steps = steps.ToDictionary(s => s.Name, s => new PolicyStep { Name = s.Name, Attestations = [.. s.Types.Select(t => new AttestationRequirement { Type = t })] }),
    };
}

using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Pipeline;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Policy.Rules;
using Cilock.Rego;
using Cilock.TestUtilities;

namespace Cilock.Policy.Tests.Rules;

/// <summary>The pinning and owner rules evaluated on real evidence: the attestor's entry in a cilock collection.</summary>
[TestClass]
public sealed class PipelineRulesEvidenceTests
{
    private const string Sha = "3f1c2a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d";

    private static readonly Dictionary<string, JsonNode?> Owners = new() { ["allowed_owners"] = new JsonArray("actions", "some-owner") };

    [TestMethod]
    public async Task Rules_TagReferenceFromUnlistedOwner_BothDenyWithReasons()
    {
        var input = await AttestAsync("some-owner/scanner-action@v0.24");

        var pinned = PolicyRuleLibrary.Compile("actions-pinned").EvaluateDeny(input);
        Assert.AreEqual(
            "some-owner/scanner-action@v0.24 (.github/workflows/ci.yml:9) is referenced by tag or branch, pin it to a full commit SHA",
            pinned.Reasons.Single());

        var owners = PolicyRuleLibrary.Compile("actions-allowed-owners", new Dictionary<string, JsonNode?> { ["allowed_owners"] = new JsonArray("actions") }).EvaluateDeny(input);
        Assert.AreEqual(
            "some-owner/scanner-action@v0.24 (.github/workflows/ci.yml:9) is not from an allowed owner (actions)",
            owners.Reasons.Single());
    }

    [TestMethod]
    public async Task Rules_ShaPinnedFromAllowedOwner_BothPass()
    {
        var input = await AttestAsync($"some-owner/scanner-action@{Sha}");

        foreach (var policy in new[]
        {
            RegoCompiler.Compile([PolicyRuleLibrary.Render("actions-pinned")]),
            RegoCompiler.Compile([PolicyRuleLibrary.Render("actions-allowed-owners", Owners)]),
        })
        {
            var result = policy.EvaluateDeny(input);
            Assert.IsTrue(result.Passed, string.Join(" | ", result.Reasons) + result.Error);
        }
    }

    [TestMethod]
    public async Task ImagesPinned_JobContainerByTag_Denies()
    {
        var input = await AttestAsync($"actions/checkout@{Sha}", container: "node:20");
        var result = PolicyRuleLibrary.Compile("images-pinned").EvaluateDeny(input);
        Assert.AreEqual("image node:20 (.github/workflows/ci.yml:6) is not pinned by a sha256 digest", result.Reasons.Single());
    }

    private static async Task<string> AttestAsync(string uses, string? container = null)
    {
        using var dir = new TempDirectory();
        dir.WriteFile(".github/workflows/ci.yml", $"""
            name: ci
            on: [push]
            jobs:
              scan:
                runs-on: ubuntu-latest
                container: {container ?? "\"\""}
                steps:
                  # the scanner
                  - uses: {uses}
                  - run: dotnet test
            """);
        var run = await new AttestationContext(
            new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "build", Environment = new Dictionary<string, string>() },
            [AttestorCatalog.Create(PipelineAttestor.AttestorName, new AttestorOptions())]).RunAsync();
        Assert.IsTrue(run.Succeeded);

        // Through the written collection, exactly as a verifier would see the entry.
        var statement = JsonNode.Parse(CollectionBuilder.Build(run, Dialect.Cilock).ToJsonBytes())!;
        var entry = statement["predicate"]!["attestations"]!.AsArray().Single(a => (string)a!["type"]! == PipelineAttestor.PredicateTypeUri)!;
        return entry["attestation"]!.ToJsonString();
    }
}

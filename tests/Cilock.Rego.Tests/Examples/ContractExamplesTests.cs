using Cilock.TestUtilities;

namespace Cilock.Rego.Tests.Examples;

/// <summary>The four example policies of rego-contract.md §6 with the inputs shown there (deny and pass).</summary>
[TestClass]
public sealed class ContractExamplesTests
{
    private const string ActionsV1 = """
        package ci.actions

        import rego.v1

        trusted_owners := ["actions/", "microsoft/", "nuget/"]

        deny contains msg if {
            not input.refpinned
            msg := sprintf("%s is referenced by tag or branch, pin it to a commit SHA", [input.actionref])
        }

        deny contains msg if {
            not owner_trusted(input.actionref)
            msg := sprintf("%s is not from an allowed owner", [input.actionref])
        }

        owner_trusted(ref) if {
            startswith(ref, trusted_owners[_])
        }
        """;

    private const string SecretsV0 = """
        package ci.secrets

        findings = f {
            f := input.findings
            is_array(f)
        } else = []

        deny[msg] {
            finding := findings[_]
            msg := sprintf("secret rule %s matched in %s (line %v)", [finding.ruleId, finding.location, finding.startLine])
        }
        """;

    private static DenyResult Deny(string module, string input) =>
        RegoCompiler.Compile([new RegoModule("policy.rego", module)]).EvaluateDeny(input);

    [TestMethod]
    [DataRow(SpecExamplePolicies.Actions, DisplayName = "v0")]
    [DataRow(ActionsV1, DisplayName = "v1")]
    public void Actions_UnpinnedUntrusted_DeniesTwice(string module)
    {
        var r = Deny(module, """{"actionref":"someone/setup-tool@v2","actiontype":"node20","exitcode":0}""");
        Assert.IsNull(r.Error);
        CollectionAssert.AreEquivalent(
            new[] { "someone/setup-tool@v2 is referenced by tag or branch, pin it to a commit SHA", "someone/setup-tool@v2 is not from an allowed owner" },
            r.Reasons.ToArray());
    }

    [TestMethod]
    [DataRow(SpecExamplePolicies.Actions, DisplayName = "v0")]
    [DataRow(ActionsV1, DisplayName = "v1")]
    public void Actions_PinnedTrusted_Passes(string module)
    {
        var r = Deny(module, """{"actionref":"actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683","actiontype":"node20","exitcode":0,"refpinned":true}""");
        Assert.IsTrue(r.Passed, r.Error ?? string.Join("; ", r.Reasons));
    }

    [TestMethod]
    [DataRow(SpecExamplePolicies.Secrets, DisplayName = "v1")]
    [DataRow(SecretsV0, DisplayName = "v0")]
    public void Secrets_OneFinding_DeniesOnce(string module)
    {
        var r = Deny(module, """{"findings":[{"ruleId":"nuget-api-key","location":"product:bin/App.1.0.0.nupkg","startLine":3,"secret":{"sha256":"abc"}}]}""");
        Assert.IsNull(r.Error);
        Assert.HasCount(1, r.Reasons);
        Assert.AreEqual("secret rule nuget-api-key matched in product:bin/App.1.0.0.nupkg (line 3)", r.Reasons[0]);
    }

    [TestMethod]
    [DataRow(SpecExamplePolicies.Secrets, """{"findings":[]}""")]
    [DataRow(SpecExamplePolicies.Secrets, """{"findings":null}""")]
    [DataRow(SecretsV0, """{"findings":[]}""")]
    [DataRow(SecretsV0, """{"findings":null}""")]
    public void Secrets_NoFindings_Passes(string module, string input)
    {
        var r = Deny(module, input);
        Assert.IsTrue(r.Passed, r.Error ?? string.Join("; ", r.Reasons));
    }

    [TestMethod]
    public void Trace_V01EnvironRead_DeniesOnce()
    {
        var r = Deny(SpecExamplePolicies.Trace, """{"cmd":["dotnet","test"],"exitcode":0,"processes":[{"processid":77,"parentpid":1,"comm":"sh","openedfiles":{"/proc/self/environ":{"sha256":"abc"}}}]}""");
        Assert.IsNull(r.Error);
        CollectionAssert.AreEqual(new[] { "pid 77 (sh) opened /proc/self/environ" }, r.Reasons.ToArray());
    }

    [TestMethod]
    public void Trace_V02EnvironRead_DeniesOnce()
    {
        var r = Deny(SpecExamplePolicies.Trace, """
            {"_meta":{"version":"v0.2","counts":{"processes":1,"uniquePaths":1,"uniqueDigests":0,"uniqueComms":0}},"digests":[],
            "paths":["/proc/12/environ"],"comms":[],"processes":[{"processid":77,"parentpid":1,"commId":-1,"execPathId":-1,
            "cmdlineId":-1,"programDigestId":-1,"exeDigestId":-1,"openedFiles":[{"pathId":0,"digestId":-1}]}]}
            """);
        Assert.IsNull(r.Error);
        CollectionAssert.AreEqual(new[] { "pid 77 opened /proc/12/environ" }, r.Reasons.ToArray());
    }

    [TestMethod]
    [DataRow("""{"cmd":["dotnet","test"],"exitcode":0,"processes":[{"processid":77,"openedfiles":{"/etc/passwd":{}}}]}""")]
    [DataRow("""{"_meta":{"version":"v0.2"},"paths":["/proc/12/environment"],"processes":[{"processid":77,"openedFiles":[{"pathId":0}]}]}""")]
    public void Trace_NoEnvironRead_Passes(string input)
    {
        var r = Deny(SpecExamplePolicies.Trace, input);
        Assert.IsTrue(r.Passed, r.Error ?? string.Join("; ", r.Reasons));
    }

    [TestMethod]
    public void Chain_UpstreamBuildFailed_DeniesOnce()
    {
        var r = Deny(SpecExamplePolicies.Chain, """{"attestation":{},"steps":{"build":{"https://aflock.ai/attestations/command-run/v0.2":{"exitcode":2}}}}""");
        Assert.IsNull(r.Error);
        CollectionAssert.AreEqual(new[] { "upstream build exited with 2" }, r.Reasons.ToArray());
    }

    [TestMethod]
    [DataRow("""{"attestation":{},"steps":{"build":{"https://aflock.ai/attestations/command-run/v0.2":{}}}}""")]
    [DataRow("""{"attestation":{},"steps":{}}""")]
    public void Chain_UpstreamBuildSucceeded_Passes(string input)
    {
        var r = Deny(SpecExamplePolicies.Chain, input);
        Assert.IsTrue(r.Passed, r.Error ?? string.Join("; ", r.Reasons));
    }

    [TestMethod]
    public void Parse_V1ModuleWithoutImport_FailsInAutoMode()
    {
        var v1NoImport = SpecExamplePolicies.Secrets.Replace("import rego.v1", "", StringComparison.Ordinal);
        var e = Assert.Throws<RegoException>(() => RegoCompiler.Compile([new RegoModule("secrets.rego", v1NoImport)]));
        Assert.AreEqual("rego_parse_error", e.Code);
        Assert.AreEqual("secrets.rego", e.File);
    }

    [TestMethod]
    public void Parse_FutureKeywordImports_EnableV1Keywords()
    {
        const string module = """
            package ci.fk
            import future.keywords.if
            import future.keywords.in
            import future.keywords.contains
            deny contains msg if {
                some x in input.xs
                x > 1
                msg := sprintf("%v too big", [x])
            }
            """;
        var r = Deny(module, """{"xs":[1,2]}""");
        CollectionAssert.AreEqual(new[] { "2 too big" }, r.Reasons.ToArray());
    }
}

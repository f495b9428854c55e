using System.Text.Json.Nodes;
using Cilock.Attestation.InToto;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Evidence;
using Cilock.Policy.Model;
using Cilock.Policy.Tests.Support;
using Cilock.Policy.Verification;
using Cilock.TestUtilities;

namespace Cilock.Policy.Tests.Verification;

/// <summary>rego-contract.md: input shapes, query per package, result table, syntax versions and the four example policies.</summary>
[TestClass]
public sealed class RegoPolicyTests
{
    private const string GithubAction = "https://aflock.ai/attestations/github-action/v0.1";
    private const string SecretScan = "https://aflock.ai/attestations/secretscan/v0.1";
    private const string CommandRunV01 = "https://witness.dev/attestations/command-run/v0.1";
    private const string CommandRunV02 = "https://aflock.ai/attestations/command-run/v0.2";

    [TestMethod]
    public void Example61_UnpinnedUntrustedAction_TwoReasons()
    {
        var result = Verify(GithubAction, [Json("""{"actionref":"someone/setup-tool@v2","actiontype":"node20","exitcode":0}""")], [Policies.Rego("actions.rego", SpecExamplePolicies.Actions)]);

        var reason = Rejection(result, PolicyDiagnostics.RegoDeny);
        StringAssert.Contains(reason, "someone/setup-tool@v2 is referenced by tag or branch");
        StringAssert.Contains(reason, "someone/setup-tool@v2 is not from an allowed owner");
    }

    [TestMethod]
    public void Example61_PinnedTrustedAction_Passes()
    {
        var result = Verify(GithubAction, [Json("""{"actionref":"actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683","actiontype":"node20","exitcode":0,"refpinned":true}""")], [Policies.Rego("actions.rego", SpecExamplePolicies.Actions)]);

        Assert.IsTrue(result.Passed, string.Join("\n", result.Reasons));
    }

    [TestMethod]
    [DataRow("""{"findings":[{"ruleId":"nuget-api-key","location":"product:bin/App.1.0.0.nupkg","startLine":3,"secret":{"sha256":"00"}}]}""", false)]
    [DataRow("""{"findings":[]}""", true)]
    [DataRow("""{"findings":null}""", true)]
    public void Example62_SecretFindings(string predicate, bool passes)
    {
        var result = Verify(SecretScan, [Json(predicate)], [Policies.Rego("secrets.rego", SpecExamplePolicies.Secrets)]);

        Assert.AreEqual(passes, result.Passed, string.Join("\n", result.Reasons));
        if (!passes)
        {
            StringAssert.Contains(Rejection(result, PolicyDiagnostics.RegoDeny), "secret rule nuget-api-key matched in product:bin/App.1.0.0.nupkg (line 3)");
        }
    }

    [TestMethod]
    public void Example63_TraceV01_Denied()
    {
        var predicate = Json("""{"cmd":["dotnet","test"],"exitcode":0,"processes":[{"processid":77,"parentpid":1,"comm":"sh","openedfiles":{"/proc/self/environ":{"sha256":"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"}}}]}""");

        var result = Verify(CommandRunV01, [predicate], [Policies.Rego("trace.rego", SpecExamplePolicies.Trace)]);

        StringAssert.Contains(Rejection(result, PolicyDiagnostics.RegoDeny), "pid 77 (sh) opened /proc/self/environ");
    }

    [TestMethod]
    public void Example63_TraceV02_Denied()
    {
        var predicate = Json("""{"_meta":{"version":"v0.2","counts":{"processes":1,"uniquePaths":1,"uniqueDigests":0,"uniqueComms":0}},"digests":[],"paths":["/proc/12/environ"],"comms":[],"processes":[{"processid":77,"parentpid":1,"commId":-1,"execPathId":-1,"cmdlineId":-1,"programDigestId":-1,"exeDigestId":-1,"openedFiles":[{"pathId":0,"digestId":-1}]}]}""");

        var result = Verify(CommandRunV02, [predicate], [Policies.Rego("trace.rego", SpecExamplePolicies.Trace)]);

        StringAssert.Contains(Rejection(result, PolicyDiagnostics.RegoDeny), "pid 77 opened /proc/12/environ");
    }

    [TestMethod]
    [DataRow(2, false)]
    [DataRow(0, true)]
    public void Example64_CrossStepInput_SeesUpstreamBuild(int exitCode, bool passes)
    {
        var key = TestKey.Create();
        var policyKey = TestKey.Create();
        var build = new CollectionSpec("build") { CommandRun = new JsonObject { ["cmd"] = new JsonArray("dotnet", "build"), ["exitcode"] = exitCode } };
        build.Products["bin/App.dll"] = Pipeline.Dll;
        var pack = new CollectionSpec("pack");
        pack.Materials["bin/App.dll"] = Pipeline.Dll;
        pack.Products["App.1.0.0.nupkg"] = Pipeline.Nupkg;
        var packStep = Policies.Step("pack", [key], [pack.ProductType]);
        packStep.AttestationsFrom = ["build"];
        packStep.Attestations![0].RegoPolicies = [Policies.Rego("chain.rego", SpecExamplePolicies.Chain)];
        var policy = Policies.Create([key], Policies.Step("build", [key], [build.CommandRunType]), packStep);

        var result = new PolicyVerifier(Policies.Load(policy, policyKey), Policies.Options())
            .Verify([build.Sign(key.Signer), pack.Sign(key.Signer)], new VerificationSubjects([], Pipeline.ArtifactSha256));

        Assert.AreEqual(passes, result.Passed, string.Join("\n", result.Reasons));
        if (!passes)
        {
            StringAssert.Contains(PolicyVerifierPipelineTests.Single(result, "pack", PolicyDiagnostics.RegoDeny), "upstream build exited with 2");
        }
    }

    [TestMethod]
    public void DefaultShape_ModuleSeesBarePredicate()
    {
        // input is the attestor's predicate, not the statement: input.exitcode is defined, input.predicate is not.
        const string module = """
            package shape
            import rego.v1
            deny contains "not the bare predicate" if not input.exitcode == 3
            deny contains "statement leaked" if input.predicate
            """;

        var result = Verify(CommandRunV01, [Json("""{"cmd":["x"],"exitcode":3}""")], [Policies.Rego("shape.rego", module)]);

        Assert.IsTrue(result.Passed, string.Join("\n", result.Reasons));
    }

    [TestMethod]
    public void EveryAttestorOfTheType_IsEvaluated()
    {
        // The second of two attestors of the type denies: W10 (last only) and W12/CL (all) agree here, the first-only bug would not.
        var result = Verify(GithubAction,
            [Json("""{"actionref":"actions/checkout@1","refpinned":true}"""), Json("""{"actionref":"evil/x@main"}""")],
            [Policies.Rego("actions.rego", SpecExamplePolicies.Actions)]);

        StringAssert.Contains(Rejection(result, PolicyDiagnostics.RegoDeny), "evil/x@main");
    }

    [TestMethod]
    public void FirstAttestorDenies_SecondPasses_StillFails()
    {
        var result = Verify(GithubAction,
            [Json("""{"actionref":"evil/x@main"}"""), Json("""{"actionref":"actions/checkout@1","refpinned":true}""")],
            [Policies.Rego("actions.rego", SpecExamplePolicies.Actions)]);

        Assert.IsFalse(result.Passed);
    }

    [TestMethod]
    public void SyntaxError_FailsWithCompileCode()
    {
        var result = Verify(GithubAction, [Json("{}")], [Policies.Rego("broken.rego", "package broken\n\ndeny[msg] {\n  msg := \n")]);

        StringAssert.Contains(Rejection(result, PolicyDiagnostics.RegoCompileError), "broken.rego");
    }

    [TestMethod]
    public void V1OnlySyntaxWithoutImport_Fails()
    {
        var result = Verify(GithubAction, [Json("{}")], [Policies.Rego("v1.rego", "package v1only\n\ndeny contains msg if {\n  msg := \"x\"\n  false\n}\n")]);

        Assert.IsFalse(result.Passed);
        Rejection(result, PolicyDiagnostics.RegoCompileError);
    }

    [TestMethod]
    public void TwoModulesSamePackage_FailUnderHardening_MergeWithWarn()
    {
        RegoPolicyEntry[] modules =
        [
            Policies.Rego("a.rego", "package dup\nimport rego.v1\ndeny contains \"a\" if false\n"),
            Policies.Rego("b.rego", "package dup\nimport rego.v1\ndeny contains \"b\" if false\n"),
        ];

        var enforce = Verify(GithubAction, [Json("{}")], modules);
        var warn = Verify(GithubAction, [Json("{}")], modules, Policies.Options() with { Hardening = PolicyHardening.Warn });

        StringAssert.Contains(Rejection(enforce, PolicyDiagnostics.RegoDuplicatePackage), "package dup");
        Assert.IsTrue(warn.Passed, string.Join("\n", warn.Reasons));
        Assert.IsTrue(warn.Diagnostics.Any(d => d.Code == PolicyDiagnostics.CompatSwitchUsed && d.Message.Contains("merged", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void TwoPackages_QueriedOncePerPackage_EitherDenies()
    {
        RegoPolicyEntry[] modules =
        [
            Policies.Rego("a.rego", "package one\nimport rego.v1\ndeny contains \"from one\" if true\n"),
            Policies.Rego("b.rego", "package two\nimport rego.v1\ndeny contains \"from two\" if false\n"),
        ];

        StringAssert.Contains(Rejection(Verify(GithubAction, [Json("{}")], modules), PolicyDiagnostics.RegoDeny), "from one");
    }

    [TestMethod]
    public void MissingDeny_FailsByDefault_PassesWithWitnessSwitchAndNote()
    {
        RegoPolicyEntry[] modules = [Policies.Rego("nodeny.rego", "package nodeny\nallow := true\n")];

        var strict = Verify(GithubAction, [Json("{}")], modules);
        var witness = Verify(GithubAction, [Json("{}")], modules, Policies.Options() with { RegoMissingDenyPasses = true });

        Rejection(strict, PolicyDiagnostics.RegoEvaluationError);
        Assert.IsTrue(witness.Passed, string.Join("\n", witness.Reasons));
        Assert.IsTrue(witness.Diagnostics.Any(d => d.Code == PolicyDiagnostics.CompatSwitchUsed && d.Message.Contains("rego-missing-deny", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void NetworkBuiltin_FailsClosed()
    {
        var result = Verify(GithubAction, [Json("{}")], [Policies.Rego("net.rego", "package net\nimport rego.v1\ndeny contains \"x\" if http.send({\"method\":\"get\",\"url\":\"http://127.0.0.1/\"}).status_code == 200\n")]);

        Assert.IsFalse(result.Passed);
    }

    [TestMethod]
    public void NumbersKeptExact_InInput()
    {
        const string module = "package exact\nimport rego.v1\ndeny contains \"rounded\" if input.big != 12345678901234567890\n";

        var result = Verify(GithubAction, [Json("""{"big":12345678901234567890}""")], [Policies.Rego("exact.rego", module)]);

        Assert.IsTrue(result.Passed, string.Join("\n", result.Reasons));
    }

    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    private static string Rejection(PolicyVerificationResult result, string code)
    {
        Assert.IsFalse(result.Passed);
        return PolicyVerifierPipelineTests.Single(result, "scan", code);
    }

    private static PolicyVerificationResult Verify(string type, JsonNode[] predicates, RegoPolicyEntry[] modules, PolicyVerificationOptions? options = null)
    {
        var key = TestKey.Create();
        var policyKey = TestKey.Create();
        var spec = new CollectionSpec("scan") { IncludeCommandRun = false, PipelineUrl = null };
        spec.Products["report.json"] = "report";
        foreach (var p in predicates)
        {
            spec.Extra.Add((type, p));
        }

        var step = Policies.Step("scan", [key], [type]);
        step.Attestations![0].RegoPolicies = [.. modules];
        var opts = options ?? Policies.Options();
        return new PolicyVerifier(Policies.Load(Policies.Create([key], step), policyKey, opts), opts)
            .Verify([spec.Sign(key.Signer)], new VerificationSubjects([], CollectionSpec.Sha("report")));
    }
}

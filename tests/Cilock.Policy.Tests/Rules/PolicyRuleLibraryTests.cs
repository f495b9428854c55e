using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Rules;
using Cilock.Rego;

namespace Cilock.Policy.Tests.Rules;

[TestClass]
public sealed class PolicyRuleLibraryTests
{
    private const string Sha = "11bd71901bbe5b1630ceea73d27597364c9af683";

    private static readonly Dictionary<string, JsonNode?> Owners = new() { ["allowed_owners"] = new JsonArray("actions", "Microsoft") };

    public static IEnumerable<object[]> Cases =>
    [
        // rule, input, expected reason fragments (empty = pass)
        ["actions-pinned", "{\"actionref\":\"someone/setup-tool@v2\",\"actiontype\":\"node20\",\"exitcode\":0}", new[] { "someone/setup-tool@v2 (github-action step) is referenced by tag or branch" }],
        ["actions-pinned", $"{{\"actionref\":\"actions/checkout@{Sha}\",\"exitcode\":0,\"refpinned\":true}}", Array.Empty<string>()],
        ["actions-pinned", Pipeline(Ref("action", "actions/checkout@v4", "actions", false), Ref("local", "./x", "", false), Ref("docker-image", "alpine:3", "", false)), new[] { "actions/checkout@v4 (.github/workflows/ci.yml:7)" }],
        ["actions-pinned", Pipeline(Ref("reusable-workflow", $"org/wf/.github/workflows/b.yml@{Sha}", "org", true)), Array.Empty<string>()],
        ["actions-pinned", "{\"files\":[{\"path\":\".github/workflows/bad.yml\",\"platform\":\"github-actions\",\"malformed\":true}],\"references\":[]}", new[] { ".github/workflows/bad.yml could not be parsed" }],
        ["actions-allowed-owners", "{\"actionref\":\"someone/setup-tool@v2\"}", new[] { "someone/setup-tool@v2 (github-action step) is not from an allowed owner (Microsoft, actions)" }],
        ["actions-allowed-owners", Pipeline(Ref("action", "ACTIONS/checkout@v4", "ACTIONS", false), Ref("action", "microsoft/setup@v1", "microsoft", false)), Array.Empty<string>()],
        ["actions-allowed-owners", Pipeline(Ref("reusable-workflow", "evil/wf/.github/workflows/b.yml@main", "evil", false), Ref("docker-image", "evil/img:1", "evil", false)), new[] { "evil/wf/.github/workflows/b.yml@main (.github/workflows/ci.yml:7) is not from an allowed owner" }],
        ["images-pinned", Pipeline(Ref("docker-image", "node:20", "", false), Ref("action", "actions/checkout@v4", "actions", false)), new[] { "image node:20 (.github/workflows/ci.yml:7) is not pinned by a sha256 digest" }],
        ["images-pinned", Pipeline(Ref("docker-image", "node@sha256:abc", "", true)), Array.Empty<string>()],
        ["no-secret-findings", "{\"findings\":[{\"ruleId\":\"nuget-api-key\",\"location\":\"product:bin/App.1.0.0.nupkg\",\"startLine\":3,\"secret\":{\"sha256\":\"00\"}}]}", new[] { "secret rule nuget-api-key matched in product:bin/App.1.0.0.nupkg (line 3)" }],
        ["no-secret-findings", "{\"findings\":[]}", Array.Empty<string>()],
        ["no-secret-findings", "{\"findings\":null}", Array.Empty<string>()],
        ["no-process-memory-reads", "{\"cmd\":[\"dotnet\",\"test\"],\"exitcode\":0,\"processes\":[{\"processid\":77,\"parentpid\":1,\"comm\":\"sh\",\"openedfiles\":{\"/proc/self/environ\":{\"sha256\":\"00\"},\"/etc/hosts\":{}}}]}", new[] { "pid 77 (sh) opened /proc/self/environ" }],
        ["no-process-memory-reads", "{\"_meta\":{\"version\":\"v0.2\"},\"digests\":[],\"paths\":[\"/proc/12/task/13/mem\",\"/tmp/a\"],\"comms\":[],\"processes\":[{\"processid\":77,\"parentpid\":1,\"openedFiles\":[{\"pathId\":0,\"digestId\":-1},{\"pathId\":1,\"digestId\":-1}]}]}", new[] { "pid 77 opened /proc/12/task/13/mem" }],
        ["no-process-memory-reads", "{\"cmd\":[\"dotnet\"],\"processes\":[{\"processid\":5,\"openedfiles\":{\"/proc/12/status\":{},\"/home/proc/1/environ\":{}}}]}", Array.Empty<string>()],
        ["command-exit-zero", "{\"cmd\":[\"dotnet\",\"build\"],\"exitcode\":2}", new[] { "the command dotnet build exited with 2" }],
        ["command-exit-zero", "{\"_meta\":{\"version\":\"v0.2\"},\"cmd\":[\"dotnet\",\"build\"]}", Array.Empty<string>()],
        ["command-exit-zero", "{\"cmd\":[\"dotnet\",\"build\"],\"exitcode\":0}", Array.Empty<string>()],
        ["sbom-denied-components", "{\"bomFormat\":\"CycloneDX\",\"components\":[{\"name\":\"Newtonsoft.Json\",\"version\":\"12.0.1\",\"purl\":\"pkg:nuget/Newtonsoft.Json@12.0.1\"},{\"name\":\"log4net\",\"version\":\"2.0.0\"}]}", new[] { "SBOM component Newtonsoft.Json 12.0.1 is on the deny list (pkg:nuget/newtonsoft.json@12.)", "SBOM component log4net 2.0.0 is on the deny list (LOG4NET)" }],
        ["sbom-denied-components", "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"Newtonsoft.Json\",\"versionInfo\":\"12.0.3\",\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:nuget/Newtonsoft.Json@12.0.3\"}]}]}", new[] { "SBOM component Newtonsoft.Json 12.0.3 is on the deny list" }],
        ["sbom-denied-components", "{\"bomFormat\":\"CycloneDX\",\"components\":[{\"name\":\"Newtonsoft.Json\",\"version\":\"13.0.3\",\"purl\":\"pkg:nuget/Newtonsoft.Json@13.0.3\"}]}", Array.Empty<string>()],
        ["sbom-denied-components", "{\"hello\":\"world\"}", new[] { "neither a CycloneDX nor an SPDX document" }],
        ["tests-passed", "{\"predicate\":{\"format\":\"junit-xml\",\"summary\":{\"total\":10,\"passed\":9,\"failed\":1,\"skipped\":0,\"durationSeconds\":1.5},\"failedTests\":[{\"name\":\"T.A\",\"message\":\"boom\"}]}}", new[] { "1 of 10 tests failed or errored", "test T.A failed: boom" }],
        ["tests-passed", "{\"predicate\":{\"format\":\"junit-xml\",\"summary\":{\"total\":0,\"passed\":0,\"failed\":0,\"skipped\":0,\"durationSeconds\":0}}}", new[] { "no tests ran" }],
        ["tests-passed", "{\"predicate\":{\"format\":\"ctrf-json\",\"summary\":{\"total\":3,\"passed\":3,\"failed\":0,\"skipped\":0,\"durationSeconds\":1}}}", Array.Empty<string>()],
        ["tests-passed", "{\"format\":\"junit-xml\"}", new[] { "has no summary" }],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void EvaluateDeny_RuleAndInput_ExpectedReasons(string rule, string input, string[] expected)
    {
        var parameters = rule switch
        {
            "actions-allowed-owners" => Owners,
            "sbom-denied-components" => new Dictionary<string, JsonNode?> { ["denied_components"] = new JsonArray("pkg:nuget/newtonsoft.json@12.", "LOG4NET") },
            _ => null,
        };

        foreach (var policy in new[] { PolicyRuleLibrary.Compile(rule, parameters), RegoCompiler.Compile([PolicyRuleLibrary.Render(rule, parameters)]) })
        {
            var result = policy.EvaluateDeny(input);
            Assert.IsNull(result.Error, result.Error);
            Assert.HasCount(expected.Length, result.Reasons, string.Join(" | ", result.Reasons));
            foreach (var fragment in expected)
            {
                Assert.IsTrue(result.Reasons.Any(r => r.Contains(fragment, StringComparison.Ordinal)), $"missing '{fragment}' in: {string.Join(" | ", result.Reasons)}");
            }
        }
    }

    [TestMethod]
    public void Rules_EveryRule_IsRegoV1WithMetadataAndCompiles()
    {
        Assert.HasCount(8, PolicyRuleLibrary.Rules);
        foreach (var rule in PolicyRuleLibrary.Rules)
        {
            StringAssert.Contains(rule.Source, "import rego.v1", rule.Name);
            Assert.IsNotEmpty(rule.AttestationTypes, rule.Name);
            Assert.IsFalse(string.IsNullOrWhiteSpace(rule.Description), rule.Name);
            var parameters = rule.Parameters.ToDictionary(p => p.Name, p => (JsonNode?)new JsonArray("x"));
            var module = PolicyRuleLibrary.Render(rule.Name, parameters);
            Assert.DoesNotContain("data.cilock.params", module.Source, rule.Name);
            Assert.HasCount(1, RegoCompiler.Compile([module]).Packages);
        }
    }

    [TestMethod]
    public void Get_UnknownRule_ThrowsCil3260()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => PolicyRuleLibrary.Get("no-such-rule"));
        Assert.AreEqual(RuleDiagnostics.UnknownRule, e.Code);
        StringAssert.Contains(e.Message, "actions-pinned");
    }

    [TestMethod]
    public void Compile_RequiredParameterMissing_ThrowsCil3261()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => PolicyRuleLibrary.Compile("actions-allowed-owners"));
        Assert.AreEqual(RuleDiagnostics.InvalidParameter, e.Code);
        StringAssert.Contains(e.Message, "allowed_owners");
    }

    [TestMethod]
    [DataRow("{\"allowed_owners\":\"actions\"}")]
    [DataRow("{\"allowed_owners\":[1]}")]
    [DataRow("{\"allowed_owners\":[\"a\"],\"extra\":[]}")]
    public void Render_BadParameters_ThrowsCil3261(string json)
    {
        var parameters = JsonNode.Parse(json)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone());
        var e = Assert.ThrowsExactly<CilockException>(() => PolicyRuleLibrary.Render("actions-allowed-owners", parameters));
        Assert.AreEqual(RuleDiagnostics.InvalidParameter, e.Code);
    }

    [TestMethod]
    public void Render_OptionalParameterOmitted_UsesDefault()
    {
        var module = PolicyRuleLibrary.Render("sbom-denied-components");
        StringAssert.Contains(module.Source, "denied_components := []");
        var result = RegoCompiler.Compile([module]).EvaluateDeny("{\"bomFormat\":\"CycloneDX\",\"components\":[{\"name\":\"a\"}]}");
        Assert.IsTrue(result.Passed, string.Join(" | ", result.Reasons) + result.Error);
    }

    private static string Pipeline(params string[] references) =>
        $"{{\"files\":[{{\"path\":\".github/workflows/ci.yml\",\"platform\":\"github-actions\"}}],\"references\":[{string.Join(",", references)}]}}";

    private static string Ref(string kind, string reference, string owner, bool pinned)
    {
        var o = new JsonObject { ["file"] = ".github/workflows/ci.yml", ["line"] = 7, ["kind"] = kind, ["reference"] = reference };
        if (kind is "action" or "reusable-workflow")
        {
            o["actionref"] = reference;
        }

        if (owner.Length > 0)
        {
            o["owner"] = owner;
        }

        if (pinned)
        {
            o["refpinned"] = true;
        }

        return o.ToJsonString();
    }
}

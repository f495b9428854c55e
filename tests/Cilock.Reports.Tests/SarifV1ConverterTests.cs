using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Attestors;
using Cilock.Reports.Sarif;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

/// <summary>
/// SARIF 1.0.0 → 2.1.0, checked against a real csc pair (the same build written both ways, Fixtures/sarif-v1) and a
/// hand-written log with the v1 members csc does not write.
/// </summary>
[TestClass]
public sealed class SarifV1ConverterTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sarif-v1");

    [TestMethod]
    public void Load_CompilerV1Log_ResultsEqualTheCompilersOwn21Results()
    {
        var converted = SarifDocument.Load(Path.Combine(Fixtures, "csc-1.0.0.sarif"));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, "csc-2.1.0.results.sarif")))!.AsObject();
        var run = converted["runs"]![0]!.AsObject();
        var expectedRun = expected["runs"]![0]!.AsObject();

        Assert.AreEqual("2.1.0", converted["version"]!.GetValue<string>());
        var tool = run["tool"]!.DeepClone().AsObject();
        tool["driver"]!.AsObject().Remove("rules");
        Assert.IsTrue(JsonNode.DeepEquals(expectedRun["tool"], tool), tool.ToJsonString());
        Assert.AreEqual(expectedRun["columnKind"]!.GetValue<string>(), run["columnKind"]!.GetValue<string>());

        var results = run["results"]!.AsArray();
        var expectedResults = expectedRun["results"]!.AsArray();
        Assert.HasCount(5, results);
        Assert.HasCount(expectedResults.Count, results);
        for (var i = 0; i < results.Count; i++)
        {
            var actual = results[i]!.DeepClone().AsObject();
            actual.Remove("ruleIndex");
            var wanted = expectedResults[i]!.DeepClone().AsObject();
            // csc 2.1.0 adds how a suppression was made (pragma/attribute); SARIF 1.0 has only the kind.
            foreach (var suppression in wanted["suppressions"]?.AsArray() ?? [])
            {
                suppression!.AsObject().Remove("properties");
            }

            Assert.IsTrue(JsonNode.DeepEquals(wanted, actual), $"result {i}:\nexpected {wanted.ToJsonString()}\nactual   {actual.ToJsonString()}");
        }
    }

    [TestMethod]
    public void Load_CompilerV1Log_RulesBecomeDriverRulesAndResultsIndexThem()
    {
        var run = SarifDocument.Load(Path.Combine(Fixtures, "csc-1.0.0.sarif"))["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        CollectionAssert.AreEqual(new[] { "CA1822", "CS0168", "CS0219", "CS0618", "CS8602" }, rules.Select(r => r!["id"]!.GetValue<string>()).ToArray());
        var ca1822 = rules[0]!;
        Assert.AreEqual("Mark members as static", ca1822["shortDescription"]!["text"]!.GetValue<string>());
        StringAssert.StartsWith(ca1822["fullDescription"]!["text"]!.GetValue<string>(), "Members that do not access instance data");
        Assert.AreEqual("note", ca1822["defaultConfiguration"]!["level"]!.GetValue<string>());
        Assert.AreEqual("https://learn.microsoft.com/dotnet/fundamentals/code-analysis/quality-rules/ca1822", ca1822["helpUri"]!.GetValue<string>());
        Assert.AreEqual("Performance", ca1822["properties"]!["category"]!.GetValue<string>());
        foreach (var result in run["results"]!.AsArray())
        {
            Assert.AreEqual(result!["ruleId"]!.GetValue<string>(), rules[result["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>());
        }
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Load_CompilerV1Log_NormalisedPassesValidateSarifWithoutMachinePaths()
    {
        using var dir = new TempDirectory();
        var normalized = new SarifNormalizer(new SarifNormalizerOptions { RepositoryRoot = "/tmp/sarifv1", Category = "Lib/net10.0" })
            .Normalize(SarifDocument.Load(Path.Combine(Fixtures, "csc-1.0.0.sarif")));
        var path = dir.Combine("out.sarif");
        File.WriteAllBytes(path, SarifDocument.Serialize(normalized));

        var (exit, output) = Validators.Run("validate-sarif.sh", path);

        Assert.AreEqual(0, exit, output);
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("/tmp/sarifv1", text);
        var location = normalized["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!;
        Assert.AreEqual("Lib/Widget.cs", location["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.AreEqual(SarifNormalizer.SourceRootBaseId, location["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
        Assert.AreEqual(12, location["region"]!["startLine"]!.GetValue<int>());
    }

    [TestMethod]
    public void Parse_HandWrittenV1_MapsTheMembersCscDoesNotWrite()
    {
        var run = SarifDocument.Parse(Encoding.UTF8.GetBytes(HandWritten), "tool.sarif")["runs"]![0]!.AsObject();

        var driver = run["tool"]!["driver"]!;
        Assert.AreEqual("Old Analyzer", driver["fullName"]!.GetValue<string>());
        Assert.AreEqual("2.0-beta", driver["version"]!.GetValue<string>());
        Assert.AreEqual("2.0.1.7", driver["dottedQuadFileVersion"]!.GetValue<string>());
        Assert.AreEqual("Rule {0} in {1}", driver["rules"]![0]!["messageStrings"]!["default"]!["text"]!.GetValue<string>());
        Assert.AreEqual("error", driver["rules"]![0]!["defaultConfiguration"]!["level"]!.GetValue<string>());

        var invocation = run["invocations"]![0]!;
        Assert.AreEqual("old-analyzer --all", invocation["commandLine"]!.GetValue<string>());
        Assert.AreEqual("file:///opt/old/analyzer", invocation["executableLocation"]!["uri"]!.GetValue<string>());
        Assert.AreEqual("2016-01-02T03:04:05Z", invocation["startTimeUtc"]!.GetValue<string>());
        Assert.IsFalse(invocation["executionSuccessful"]!.GetValue<bool>(), "an error-level tool notification");
        Assert.AreEqual("TOOL001", invocation["toolExecutionNotifications"]![0]!["descriptor"]!["id"]!.GetValue<string>());
        Assert.AreEqual("could not read x", invocation["toolExecutionNotifications"]![0]!["message"]!["text"]!.GetValue<string>());
        Assert.AreEqual("R1", invocation["toolConfigurationNotifications"]![0]!["associatedRule"]!["id"]!.GetValue<string>());

        Assert.AreEqual("file:///src/", run["originalUriBaseIds"]!["SRC"]!["uri"]!.GetValue<string>());
        var artifact = run["artifacts"]![0]!;
        Assert.AreEqual("a.c", artifact["location"]!["uri"]!.GetValue<string>());
        Assert.AreEqual("SRC", artifact["location"]!["uriBaseId"]!.GetValue<string>());
        Assert.AreEqual("abc123", artifact["hashes"]!["sha-256"]!.GetValue<string>());
        Assert.AreEqual("nightly", run["automationDetails"]!["id"]!.GetValue<string>());
        Assert.AreEqual("x64", run["properties"]!["sarifv1/architecture"]!.GetValue<string>());

        var first = run["results"]![0]!;
        Assert.AreEqual("default", first["message"]!["id"]!.GetValue<string>());
        CollectionAssert.AreEqual(new[] { "R1", "a.c" }, first["message"]!["arguments"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray());
        Assert.AreEqual("unchanged", first["baselineState"]!.GetValue<string>());
        Assert.AreEqual("external", first["suppressions"]![0]!["kind"]!.GetValue<string>());
        var physical = first["locations"]![0]!["physicalLocation"]!;
        Assert.AreEqual("a.c", physical["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.AreEqual(10, physical["region"]!["charOffset"]!.GetValue<int>());
        Assert.AreEqual(4, physical["region"]!["charLength"]!.GetValue<int>());
        Assert.AreEqual("ns::f", first["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!.GetValue<string>());
        Assert.AreEqual("see here", first["relatedLocations"]![0]!["message"]!["text"]!.GetValue<string>());
        Assert.AreEqual(7, first["relatedLocations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>());
        Assert.AreEqual("fp1", first["partialFingerprints"]!["toolFingerprintContribution/v1"]!.GetValue<string>());
        Assert.IsNotNull(first["properties"]!["sarifv1/codeFlows"], "unmapped members are kept in properties");

        var second = run["results"]![1]!;
        Assert.AreEqual("pass", second["kind"]!.GetValue<string>());
        Assert.AreEqual("none", second["level"]!.GetValue<string>());
        Assert.AreEqual("b.c", second["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>(), "analysisTarget when there is no resultFile");
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Parse_HandWrittenV1_PassesValidateSarif()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("out.sarif");
        File.WriteAllBytes(path, SarifDocument.Serialize(SarifDocument.Parse(Encoding.UTF8.GetBytes(HandWritten), "tool.sarif")));

        var (exit, output) = Validators.Run("validate-sarif.sh", path);

        Assert.AreEqual(0, exit, output);
    }

    [TestMethod]
    [DataRow("""{"version":"1.0.0","runs":[{"tool":{"name":"t"},"results":[{"level":"fatal"}]}]}""", DisplayName = "unknown level")]
    [DataRow("""{"version":"1.0.0","runs":[{"tool":{"name":"t"},"results":[{"suppressionStates":["maybe"]}]}]}""", DisplayName = "unknown suppression state")]
    [DataRow("""{"version":"1.0.0","runs":[{"tool":{"name":"t"},"results":[{"message":3}]}]}""", DisplayName = "message not a string")]
    [DataRow("""{"version":"1.0.0","runs":[{"tool":{"name":"t"},"results":[{"locations":[{"resultFile":{"uri":"a","region":{"startLine":"1"}}}]}]}]}""", DisplayName = "line not a number")]
    [DataRow("""{"version":"1.0.0","runs":[{"tool":{"name":"t"},"rules":[]}]}""", DisplayName = "rules not a dictionary")]
    [DataRow("""{"version":"1.0.0","runs":[{"results":[]}]}""", DisplayName = "no tool")]
    [DataRow("""{"version":"1.0.0","runs":[{"tool":{"name":"t"},"results":[{"message":"\ud800"}]}]}""", DisplayName = "lone surrogate")]
    [DataRow("""{"version":"1.0.0","runs":[3]}""", DisplayName = "run not an object")]
    public void Parse_UnconvertibleV1_ThrowsCil2131(string json)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => SarifDocument.Parse(Encoding.UTF8.GetBytes(json), "old.sarif"));

        Assert.AreEqual(ReportReaderDiagnostics.SarifVersionUnsupported, e.Code);
        StringAssert.Contains(e.Message, "old.sarif");
    }

    [TestMethod]
    public void Parse_V1WithAnyMemberReplacedByAnotherKind_ConvertsOrThrowsCoded()
    {
        // Structural mutations of the real compiler log and the hand-written one: every member, one at a time, becomes
        // a value of each other JSON kind. The converter must convert (to a log Parse accepts) or refuse with a code.
        string[] replacements = ["3", "\"x\"", "[]", "{}", "null", "true", "[{}]", "-1"];
        var mutations = 0;
        foreach (var source in new[] { File.ReadAllText(Path.Combine(Fixtures, "csc-1.0.0.sarif")), HandWritten })
        {
            var paths = new List<Func<JsonNode, JsonNode?>>();
            Collect(JsonNode.Parse(source)!, root => root, paths);
            foreach (var path in paths)
            {
                foreach (var replacement in replacements)
                {
                    var log = JsonNode.Parse(source)!;
                    var target = path(log);
                    if (target?.Parent is JsonObject parent)
                    {
                        parent[target.GetPropertyName()] = JsonNode.Parse(replacement);
                    }
                    else if (target?.Parent is JsonArray array)
                    {
                        array[target.GetElementIndex()] = JsonNode.Parse(replacement);
                    }
                    else
                    {
                        continue;
                    }

                    mutations++;
                    try
                    {
                        Assert.AreEqual("2.1.0", SarifDocument.Parse(Encoding.UTF8.GetBytes(log.ToJsonString()), "m.sarif")["version"]!.GetValue<string>());
                    }
                    catch (CilockException e)
                    {
                        Assert.IsTrue(e.Code is ReportReaderDiagnostics.SarifVersionUnsupported or ReportReaderDiagnostics.SarifUnusable, e.Code);
                    }
                }
            }
        }

        Assert.IsGreaterThan(1000, mutations);
    }

    // Every node below the root, as a function that finds the same node in a fresh parse of the same text.
    private static void Collect(JsonNode node, Func<JsonNode, JsonNode?> find, List<Func<JsonNode, JsonNode?>> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Func<JsonNode, JsonNode?> next = root => find(root)?[key];
                    paths.Add(next);
                    if (child is not null)
                    {
                        Collect(child, next, paths);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    Func<JsonNode, JsonNode?> next = root => find(root)?[index];
                    paths.Add(next);
                    if (array[i] is { } child)
                    {
                        Collect(child, next, paths);
                    }
                }

                break;
        }
    }

    [TestMethod]
    public void Parse_MinimalV1_ConvertsToValid21Shape()
    {
        var log = SarifDocument.Parse("""{"version":"1.0.0","runs":[{"tool":{"name":"t"}}]}"""u8, "min.sarif");

        Assert.AreEqual("2.1.0", log["version"]!.GetValue<string>());
        Assert.AreEqual("t", log["runs"]![0]!["tool"]!["driver"]!["name"]!.GetValue<string>());
        Assert.IsEmpty(log["runs"]![0]!["results"]!.AsArray());
    }

    private const string HandWritten = """
        {
          "$schema": "http://json.schemastore.org/sarif-1.0.0",
          "version": "1.0.0",
          "runs": [
            {
              "id": "run-1",
              "automationId": "nightly",
              "architecture": "x64",
              "tool": { "name": "OldAnalyzer", "fullName": "Old Analyzer", "version": "2.0-beta", "fileVersion": "2.0.1.7", "language": "en-US" },
              "invocation": { "commandLine": "old-analyzer --all", "fileName": "/opt/old/analyzer", "startTime": "2016-01-02T03:04:05Z", "endTime": "2016-01-02T03:05:05Z", "processId": 42, "workingDirectory": "file:///src/" },
              "originalUriBaseIds": { "SRC": "file:///src/" },
              "files": { "a.c": { "uri": "a.c", "uriBaseId": "SRC", "mimeType": "text/x-c", "length": 100, "hashes": [ { "value": "abc123", "algorithm": "sha256" } ] } },
              "toolNotifications": [ { "id": "TOOL001", "message": "could not read x", "level": "error", "time": "2016-01-02T03:04:06Z", "threadId": 3 } ],
              "configurationNotifications": [ { "ruleId": "R1", "message": "R1 is configured twice", "level": "warning" } ],
              "rules": { "R1": { "id": "R1", "name": "NoBadThings", "shortDescription": "No bad things", "messageFormats": { "default": "Rule {0} in {1}" }, "defaultLevel": "error", "helpUri": "https://example.com/R1" } },
              "results": [
                {
                  "ruleId": "R1",
                  "level": "error",
                  "formattedRuleMessage": { "formatId": "default", "arguments": [ "R1", "a.c" ] },
                  "baselineState": "existing",
                  "suppressionStates": [ "suppressedExternally" ],
                  "toolFingerprintContribution": "fp1",
                  "locations": [ { "resultFile": { "uri": "a.c", "uriBaseId": "SRC", "region": { "startLine": 2, "offset": 10, "length": 4 } }, "fullyQualifiedLogicalName": "ns::f" } ],
                  "relatedLocations": [ { "physicalLocation": { "uri": "a.c", "uriBaseId": "SRC", "region": { "startLine": 7 } }, "message": "see here" } ],
                  "codeFlows": [ { "locations": [ { "step": 1 } ] } ]
                },
                {
                  "ruleId": "R1",
                  "level": "pass",
                  "message": "checked",
                  "locations": [ { "analysisTarget": { "uri": "b.c", "uriBaseId": "SRC" } } ]
                }
              ]
            }
          ]
        }
        """;
}

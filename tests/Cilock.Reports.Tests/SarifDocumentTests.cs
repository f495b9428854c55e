using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Attestors;
using Cilock.Reports.Sarif;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class SarifDocumentTests
{
    private const string Minimal = """{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"csc"}},"results":[]}]}""";

    [TestMethod]
    [DataRow("", ReportReaderDiagnostics.SarifUnusable, DisplayName = "empty")]
    [DataRow("{\"version\":\"2.1.0\",", ReportReaderDiagnostics.SarifUnusable, DisplayName = "truncated")]
    [DataRow("[]", ReportReaderDiagnostics.SarifUnusable, DisplayName = "array")]
    [DataRow("{\"runs\":[]}", ReportReaderDiagnostics.SarifUnusable, DisplayName = "no version")]
    [DataRow("{\"version\":\"2.1.0\"}", ReportReaderDiagnostics.SarifUnusable, DisplayName = "no runs")]
    [DataRow("{\"version\":\"2.1.0\",\"runs\":[1]}", ReportReaderDiagnostics.SarifUnusable, DisplayName = "run not object")]
    [DataRow("{\"version\":\"1.0.0\",\"runs\":{}}", ReportReaderDiagnostics.SarifVersionUnsupported, DisplayName = "SARIF 1.0 that cannot be converted")]
    public void Parse_NotSarif21_ThrowsCodedError(string json, string code)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => SarifDocument.Parse(Encoding.UTF8.GetBytes(json), "x.sarif"));

        Assert.AreEqual(code, e.Code);
    }

    [TestMethod]
    public void Parse_WithBom_Accepted() =>
        Assert.AreEqual("2.1.0", SarifDocument.Parse([.. "\uFEFF"u8.ToArray(), .. Encoding.UTF8.GetBytes(Minimal)], "x")["version"]!.GetValue<string>());

    [TestMethod]
    public void Load_MissingFile_ThrowsCil2130()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => SarifDocument.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".sarif")));

        Assert.AreEqual(ReportReaderDiagnostics.SarifUnusable, e.Code);
    }

    [TestMethod]
    [DataRow("{\n  \"$schema\": \"http://json.schemastore.org/sarif-2.1.0\",\n  \"version\": \"2.1.0\",", true)]
    [DataRow("{\"version\":\"2.1.0\",\"runs\":[", true)]
    [DataRow("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}", false)]
    [DataRow("<TestRun>", false)]
    [DataRow("", false)]
    public void LooksLikeSarif_Head_DetectsByContent(string head, bool expected) =>
        Assert.AreEqual(expected, SarifDocument.LooksLikeSarif(Encoding.UTF8.GetBytes(head)));

    [TestMethod]
    public void Merge_TwoLogs_OneRunEachInOrder()
    {
        var a = SarifDocument.Parse(Encoding.UTF8.GetBytes(Minimal.Replace("csc", "a", StringComparison.Ordinal)), "a");
        var b = SarifDocument.Parse(Encoding.UTF8.GetBytes(Minimal.Replace("csc", "b", StringComparison.Ordinal)), "b");

        var merged = SarifDocument.Merge([a, b]);

        CollectionAssert.AreEqual(new[] { "a", "b" }, merged["runs"]!.AsArray().Select(r => r!["tool"]!["driver"]!["name"]!.GetValue<string>()).ToArray());
    }

    [TestMethod]
    public void Serialize_SchemaAndVersionFirst_RoundTrips()
    {
        var log = JsonNode.Parse("""{"runs":[],"version":"2.1.0","$schema":"old"}""")!.AsObject();

        var text = Encoding.UTF8.GetString(SarifDocument.Serialize(log));

        Assert.IsTrue(text.IndexOf("$schema", StringComparison.Ordinal) < text.IndexOf("\"version\"", StringComparison.Ordinal));
        Assert.IsTrue(text.IndexOf("\"version\"", StringComparison.Ordinal) < text.IndexOf("\"runs\"", StringComparison.Ordinal));
        StringAssert.Contains(text, SarifDocument.SchemaUri);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Serialize_NormalisedCompilerLikeLog_PassesValidateSarif()
    {
        using var dir = new TempDirectory();
        var log = SarifDocument.Parse(Encoding.UTF8.GetBytes("""
            {"$schema":"http://json.schemastore.org/sarif-2.1.0","version":"2.1.0","runs":[{"results":[
              {"ruleId":"CS0169","ruleIndex":0,"level":"warning","message":{"text":"The field 'C.x' is never used"},
               "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file://ROOT/src/A.cs"},"region":{"startLine":3,"startColumn":5,"endLine":3,"endColumn":9}}}]},
              {"ruleId":"CS8032","ruleIndex":1,"level":"warning","message":{"text":"An instance of analyzer cannot be created from /opt/sdk/analyzers/x.dll"},
               "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///opt/sdk/analyzers/x.dll"}}}]}],
             "tool":{"driver":{"name":"Microsoft (R) Visual C# Compiler","version":"5.0","rules":[
               {"id":"CS0169","shortDescription":{"text":"unused"},"helpUri":"https://learn.microsoft.com/dotnet/csharp/misc/cs0169"},
               {"id":"CS8032","shortDescription":{"text":"analyzer"}}]}},
             "invocations":[{"executionSuccessful":true}],"columnKind":"utf16CodeUnits"}]}
            """.Replace("ROOT", dir.Path, StringComparison.Ordinal)), "compiler");
        var normalized = new SarifNormalizer(new SarifNormalizerOptions { RepositoryRoot = dir.Path, NamedRoots = new Dictionary<string, string> { ["DOTNET"] = "/opt/sdk" }, Category = "Lib/net10.0" })
            .Normalize(log);
        var path = dir.Combine("out.sarif");
        File.WriteAllBytes(path, SarifDocument.Serialize(SarifDocument.Merge([normalized, normalized])));

        var (exit, output) = Validators.Run("validate-sarif.sh", path);

        Assert.AreEqual(0, exit, output);
        Assert.DoesNotContain(dir.Path, File.ReadAllText(path));
        Assert.DoesNotContain("/opt/sdk", File.ReadAllText(path));
    }
}

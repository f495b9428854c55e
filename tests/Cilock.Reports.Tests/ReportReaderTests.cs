using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Product;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Hashing;
using Cilock.Reports.Attestors;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

/// <summary>The sarif and test-results attestors over real attestation runs, explicit and product-detected.</summary>
[TestClass]
public sealed class ReportReaderTests
{
    private const string Sarif = """{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"csc"}},"results":[]}]}""";

    public TestContext TestContext { get; set; } = null!;

    private async Task<(AttestationRun Run, JsonObject Collection)> RunAsync(TempDirectory dir, Dialect dialect, IEnumerable<string> products, params IAttestor[] readers)
    {
        var files = products.Select(p => dir.Combine(p)).ToList();
        var context = new AttestationContext(
            new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "test", Dialect = dialect },
            [new ProductAttestor(new FileList(dir.Path, files)), .. readers]);
        var run = await context.RunAsync(TestContext.CancellationToken);
        var statement = CollectionBuilder.Build(run, dialect);
        return (run, statement.Predicate!.AsObject());
    }

    private static JsonObject? Entry(JsonObject collection, string type) =>
        collection["attestations"]!.AsArray().Select(a => a!.AsObject()).FirstOrDefault(a => a["type"]!.GetValue<string>() == type)?["attestation"]?.AsObject();

    [TestMethod]
    public async Task Products_SarifAndTrxDetectedByContent_RecordedWithProductDigests()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("out/analysis.json", Sarif);         // SARIF without a .sarif extension
        dir.WriteFile("out/results.xml", TrxSamples.Mixed); // TRX without a .trx extension
        dir.WriteFile("out/readme.txt", "hello");

        var (run, collection) = await RunAsync(dir, Dialect.Cilock, ["out/analysis.json", "out/results.xml", "out/readme.txt"], [.. ReportReaders.ForProducts()]);

        Assert.IsTrue(run.Succeeded, string.Join("\n", run.Diagnostics));
        var sarif = Entry(collection, SarifAttestor.CilockType)!;
        Assert.AreEqual("out/analysis.json", sarif["reportFileName"]!.GetValue<string>());
        Assert.AreEqual(Sha256(dir.Combine("out/analysis.json")), sarif["reportDigestSet"]!["sha256"]!.GetValue<string>());
        Assert.AreEqual("csc", sarif["report"]!["runs"]![0]!["tool"]!["driver"]!["name"]!.GetValue<string>());

        var tests = Entry(collection, TestResultsAttestor.CilockType)!["predicate"]!;
        Assert.AreEqual("out/results.xml", tests["reportFile"]!.GetValue<string>());
        Assert.AreEqual(Sha256(dir.Combine("out/results.xml")), tests["reportDigest"]!["sha256"]!.GetValue<string>());
        Assert.AreEqual(4, tests["summary"]!["failed"]!.GetValue<int>());
        Assert.AreEqual(8, tests["summary"]!["total"]!.GetValue<int>());
        Assert.IsNull(Entry(collection, "https://cyclonedx.org/bom"), "no SBOM product, no sbom entry");
    }

    [TestMethod]
    public async Task Products_NoReports_NoEntriesAndNoWarnings()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a.json", """{"name":"not a report"}""");

        var (run, collection) = await RunAsync(dir, Dialect.Cilock, ["a.json"], [.. ReportReaders.ForProducts()]);

        Assert.IsTrue(run.Succeeded);
        Assert.IsEmpty(run.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info));
        Assert.IsNull(Entry(collection, SarifAttestor.CilockType));
        Assert.IsNull(Entry(collection, TestResultsAttestor.CilockType));
    }

    [TestMethod]
    public async Task Products_CorruptReports_WarnedNotFatal()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("bad.sarif", """{"$schema":"https://json.schemastore.org/sarif-2.1.0","version":"2.1.0","runs":[""");
        dir.WriteFile("bad.trx", """<?xml version="1.0"?><TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>""");

        var (run, collection) = await RunAsync(dir, Dialect.Cilock, ["bad.sarif", "bad.trx"], [.. ReportReaders.ForProducts()]);

        Assert.IsTrue(run.Succeeded, "a corrupt product report is a warning in cilock run, not a failed step");
        CollectionAssert.IsSubsetOf(
            new[] { ReportReaderDiagnostics.SarifUnusable, ReportReaderDiagnostics.TestReportUnusable },
            run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Code).ToArray());
        Assert.IsNull(Entry(collection, SarifAttestor.CilockType));
    }

    [TestMethod]
    public async Task Explicit_CorruptTrx_FailsTheAttestorWithCil2133()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("bad.trx", "<TestRun");

        var (run, _) = await RunAsync(dir, Dialect.Cilock, [], new TestResultsAttestor([dir.Combine("bad.trx")]));

        Assert.IsFalse(run.Succeeded);
        Assert.AreEqual(ReportReaderDiagnostics.TestReportUnusable, run.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error).Code);
    }

    [TestMethod]
    public async Task Explicit_MissingSarif_FailsTheAttestorWithCil2130()
    {
        using var dir = new TempDirectory();

        var (run, _) = await RunAsync(dir, Dialect.Cilock, [], new SarifAttestor(dir.Combine("missing.sarif")));

        Assert.IsFalse(run.Succeeded);
        Assert.AreEqual(ReportReaderDiagnostics.SarifUnusable, run.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error).Code);
    }

    [TestMethod]
    public async Task TestResults_FailedRun_SubjectsPerSuiteAndFailureAndRuleShapedPredicate()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("r.trx", TrxSamples.Mixed);
        var attestor = new TestResultsAttestor([dir.Combine("r.trx")]);

        var (run, collection) = await RunAsync(dir, Dialect.Cilock, ["r.trx"], attestor);

        Assert.IsTrue(run.Succeeded, string.Join("\n", run.Diagnostics));
        var subjects = attestor.GetSubjects(Dialect.Cilock);
        Assert.AreEqual(Sha256Text("Sample.Tests"), subjects["test-suite:Sample.Tests"].Sha256Hex);
        Assert.AreEqual(Sha256Text("Sample.Tests.CalcTests.Add_Fails"), subjects["test-failure:Sample.Tests.CalcTests.Add_Fails"].Sha256Hex);
        Assert.HasCount(5, subjects);

        var predicate = Entry(collection, TestResultsAttestor.CilockType)!["predicate"]!.AsObject();
        CollectionAssert.AreEqual(
            new[] { "format", "toolName", "toolVersion", "summary", "failedTests", "reportFile", "reportDigest" },
            predicate.Select(p => p.Key).ToArray(), "members in the order cilock writes them");
        var first = predicate["failedTests"]![0]!;
        Assert.AreEqual("Add_Fails", first["name"]!.GetValue<string>());
        Assert.AreEqual("Sample.Tests", first["suite"]!.GetValue<string>());
        Assert.AreEqual("Sample.Tests.CalcTests", first["classname"]!.GetValue<string>());
        StringAssert.Contains(first["message"]!.GetValue<string>(), "math is broken");
        Assert.IsNull(predicate["summary"]!["errors"], "errors is omitted when 0, like cilock");
    }

    [TestMethod]
    public async Task TestResults_WitnessDialect_LeftOut()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("r.trx", TrxSamples.Mixed);
        var attestor = new TestResultsAttestor([dir.Combine("r.trx")]);

        var (run, collection) = await RunAsync(dir, Dialect.Witness, ["r.trx"], attestor);

        Assert.IsTrue(run.Succeeded);
        Assert.IsNull(Entry(collection, TestResultsAttestor.CilockType), "Witness rejects envelopes with unregistered types");
        Assert.IsEmpty(attestor.GetSubjects(Dialect.Witness));
    }

    [TestMethod]
    public async Task Sarif_WitnessDialect_WitnessType()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a.sarif", Sarif);

        var (_, collection) = await RunAsync(dir, Dialect.Witness, ["a.sarif"], new SarifAttestor());

        Assert.IsNotNull(Entry(collection, SarifAttestor.WitnessType));
    }

    [TestMethod]
    public async Task TestResults_TwoReports_SummedFirstIsReportFile()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a.trx", TrxSamples.Mixed);
        dir.WriteFile("b.trx", TrxSamples.Build("2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", ("T", "Passed", "C", null, null, null)));
        var attestor = new TestResultsAttestor([dir.Combine("a.trx"), dir.Combine("b.trx")]);

        var (run, _) = await RunAsync(dir, Dialect.Cilock, [], attestor);

        Assert.IsTrue(run.Succeeded);
        Assert.AreEqual(9, attestor.Report!.Summary.Total);
        Assert.AreEqual(3, attestor.Report.Summary.Passed);
    }

    [TestMethod]
    [DataRow("sarif", true)]
    [DataRow(" Test-Results ", true)]
    [DataRow("sbom", true)]
    [DataRow("git", false)]
    public void IsReaderName_Name_Recognised(string name, bool expected) => Assert.AreEqual(expected, ReportReaders.IsReaderName(name));

    private static string Sha256(string path) => FileDigester.Compute(path, ["sha256"]).Sha256Hex!;

    private static string Sha256Text(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}

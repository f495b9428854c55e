using System.Text.Json;
using Cilock.Attestation.Dsse;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

/// <summary>
/// <c>cilock run</c> records SARIF and TRX files its command writes, detected by content, as the sarif and
/// test-results attestors (the built CLI as a real process).
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ReportReaderRunTests
{
    [TestMethod]
    public void Run_CommandWritesSarifAndTrx_RecordedAsReportAttestations()
    {
        using var dir = new TempDirectory("cilock-run-readers");
        dir.WriteFile("inputs/scan.json", """{"$schema":"https://json.schemastore.org/sarif-2.1.0","version":"2.1.0","runs":[{"tool":{"driver":{"name":"scanner"}},"results":[]}]}""");
        dir.WriteFile("inputs/tests.xml", TrxSamples.Mixed);
        Assert.AreEqual(0, CilockCli.Run(dir, "keygen", "-o", "k").ExitCode);

        var run = CilockCli.Run(dir, "run", "--step", "analyze", "-k", "k.key", "-o", "analyze.json", "-a", "sarif",
            "--", "sh", "-c", "mkdir -p out && cp inputs/scan.json out/scan.out && cp inputs/tests.xml out/tests.out");

        Assert.AreEqual(0, run.ExitCode, run.Output);
        var envelope = DsseEnvelope.Parse(File.ReadAllText(dir.Combine("analyze.json")));
        using var statement = JsonDocument.Parse(envelope.Payload);
        var entries = statement.RootElement.GetProperty("predicate").GetProperty("attestations").EnumerateArray()
            .ToDictionary(a => a.GetProperty("type").GetString()!, a => a.GetProperty("attestation"), StringComparer.Ordinal);
        var sarif = entries["https://aflock.ai/attestations/sarif/v0.1"];
        Assert.AreEqual("out/scan.out", sarif.GetProperty("reportFileName").GetString());
        Assert.AreEqual("scanner", sarif.GetProperty("report").GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var tests = entries["https://aflock.ai/attestations/test-results/v0.1"].GetProperty("predicate");
        Assert.AreEqual("out/tests.out", tests.GetProperty("reportFile").GetString());
        Assert.AreEqual(4, tests.GetProperty("summary").GetProperty("failed").GetInt32());
    }
}

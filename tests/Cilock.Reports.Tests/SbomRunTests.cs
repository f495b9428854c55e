using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Reports.Sbom;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

/// <summary><c>cilock run</c> (the built binary) records an SBOM its command produced as the sbom attestor.</summary>
[TestClass]
public sealed class SbomRunTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void Run_CommandWritesCycloneDx_RecordedAsSbomAttestation()
    {
        using var fixture = new SbomFixture();
        var generated = SbomGenerator.Write(SbomGeneratorTests.Generate(fixture, SbomFormats.CycloneDx), fixture.Directory.Combine("generated"), "App.1.0.0").Single();
        Directory.CreateDirectory(fixture.Directory.Combine("w"));
        Assert.AreEqual(0, CilockCli.Run(fixture.Directory, "keygen", "-o", "k").ExitCode);

        var run = CilockCli.Run(fixture.Directory, "run", "-s", "build", "-k", "k.key", "-o", "ev/build.json", "-d", "w", "--", "cp", generated, "bom.cdx.json");
        Assert.AreEqual(0, run.ExitCode, run.Output);

        using var statement = JsonDocument.Parse(DsseEnvelope.Parse(File.ReadAllText(fixture.Directory.Combine("ev", "build.json"))).Payload);
        var entry = statement.RootElement.GetProperty("predicate").GetProperty("attestations").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == SbomDocument.CycloneDxType);
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllBytes(generated)), JsonNode.Parse(entry.GetProperty("attestation").GetRawText())));
        var subjects = statement.RootElement.GetProperty("subject").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("https://cyclonedx.org/bom/file:bom.cdx.json", subjects);
        Assert.Contains("https://cyclonedx.org/bom/name:App", subjects);
    }
}

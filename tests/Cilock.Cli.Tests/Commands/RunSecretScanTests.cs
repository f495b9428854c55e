using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Commands;

[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class RunSecretScanTests
{
    // A GitHub token shape; built at run time so the literal never sits in the repository.
    private static readonly string PlantedToken = "ghp_" + "R8kq2ZxW4mT7vN1pL5sY9bC3dF6hJ0aQ" + "e4Ug";

    [TestMethod]
    [DataRow(false, 0)]
    [DataRow(true, 1)]
    public void Run_SecretInProduct_RecordedAsHashAndFailsOnlyWhenAsked(bool failOnDetection, int expectedExit)
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;
        // The secret reaches the product by a copy, so it is in neither the argv nor the output of the command.
        var source = dir.WriteFile("outside/settings.txt", $"github_token = \"{PlantedToken}\"\n");
        var outfile = dir.Combine("out", "build.json");
        var flag = failOnDetection ? "--secretscan-fail-on-detection" : "--secretscan";

        var result = CliHarness.Invoke("run", "-s", "build", "-k", key, "-o", outfile, "-d", work, flag, "--", "cp", source, "leak.txt");

        Assert.AreEqual(expectedExit, result.ExitCode, result.Output);
        Assert.IsTrue(File.Exists(outfile), "the signed evidence is written before the step fails");
        var evidence = File.ReadAllText(outfile);
        var scan = CollectionReader.Read(DsseEnvelope.Parse(evidence).Payload).Collection.Entries
            .Single(e => e.Type.Contains("/secretscan/", StringComparison.Ordinal)).Attestation!;
        var finding = scan["findings"]!.AsArray().First(f => (string?)f!["location"] == "product:leak.txt")!;
        Assert.IsNotNull(finding["secret"]?["sha256"], "the finding stores a hash of the secret");
        Assert.AreEqual(failOnDetection, result.StandardError.Contains("CIL4001", StringComparison.Ordinal), result.StandardError);

        var decoded = System.Text.Encoding.UTF8.GetString(DsseEnvelope.Parse(evidence).Payload);
        foreach (var text in new[] { decoded, evidence, result.StandardOutput, result.StandardError })
        {
            Assert.IsFalse(text.Contains(PlantedToken, StringComparison.Ordinal), "the raw secret leaked");
        }
    }
}

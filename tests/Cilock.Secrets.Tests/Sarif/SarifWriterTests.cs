using System.Text;
using System.Text.Json;
using Cilock.Reports.Sarif;
using Cilock.Secrets.Sarif;
using Cilock.Secrets.Scanning;
using Cilock.TestUtilities;

namespace Cilock.Secrets.Tests.Sarif;

[TestClass]
public sealed class SarifWriterTests
{
    [TestMethod]
    public void Write_Findings_ShapeAndNoRawSecret()
    {
        var findings = new SecretScanner().Scan("a " + TestSecrets.GitHubPat + "\nb " + TestSecrets.Base64("k: " + TestSecrets.StripeKey), "src/app config.txt").Findings;
        var sarif = SarifWriter.Write(findings);
        using var doc = JsonDocument.Parse(sarif);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.AreEqual("2.1.0", doc.RootElement.GetProperty("version").GetString());
        Assert.AreEqual(findings.Count, run.GetProperty("results").GetArrayLength());
        var first = run.GetProperty("results")[0];
        Assert.AreEqual("src/app%20config.txt", first.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.DoesNotContain(TestSecrets.GitHubPat, sarif);
        Assert.DoesNotContain(TestSecrets.StripeKey, sarif);
    }

    [TestMethod]
    public void Write_Findings_IsAReportsModelLogWithHashesOnly()
    {
        var findings = new SecretScanner().Scan("x <" + TestSecrets.GitHubPat + ">\n", "a.txt").Findings;
        var sarif = SarifWriter.Write(findings);

        // The same model the compiler logs in the evidence go through: parses, same $schema first, merges as a run.
        var log = SarifDocument.Parse(Encoding.UTF8.GetBytes(sarif), "secrets.sarif");
        Assert.AreEqual("$schema", log.First().Key);
        Assert.AreEqual(SarifDocument.SchemaUri, log["$schema"]!.GetValue<string>());
        Assert.AreEqual(sarif, Encoding.UTF8.GetString(SarifDocument.Serialize(log)), "already in the model's canonical form");
        Assert.HasCount(2, SarifDocument.Merge([log, SarifDocument.Parse(Encoding.UTF8.GetBytes(sarif), "again")])["runs"]!.AsArray());

        var result = log["runs"]![0]!["results"]![0]!;
        Assert.AreEqual(TestSecrets.Sha256(TestSecrets.GitHubPat), result["partialFingerprints"]!["secretSha256/v1"]!.GetValue<string>());
        Assert.DoesNotContain(TestSecrets.GitHubPat, sarif);
        Assert.DoesNotContain(TestSecrets.GitHubPat[8..], sarif, "the message keeps at most the first 8 characters");
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Write_Findings_PassesSarifValidator()
    {
        var findings = new SecretScanner().Scan("a " + TestSecrets.GitHubPat + "\nb " + TestSecrets.Base64("k: " + TestSecrets.StripeKey), "src/app.txt").Findings;
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "secrets.sarif");
        File.WriteAllText(file, SarifWriter.Write(findings));
        var (exit, output) = Validators.Run("validate-sarif.sh", file);
        Assert.AreEqual(0, exit, output);

        var empty = Path.Combine(dir.Path, "empty.sarif");
        File.WriteAllText(empty, SarifWriter.Write([]));
        (exit, output) = Validators.Run("validate-sarif.sh", empty);
        Assert.AreEqual(0, exit, output);
    }
}

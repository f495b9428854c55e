using System.Text;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Attestors.Product;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.InToto;
using Cilock.Secrets.Attestors;
using Cilock.TestUtilities;

namespace Cilock.Secrets.Tests.Redaction;

[TestClass]
public sealed class AttestorRedactionTests
{
    private const string EnvSecret = "Vx9-deploy-Secret-7q";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public async Task Redactor_PlantedInOutputArgvAndProduct_StatementHasMarkersNotSecrets(Dialect dialect)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("leak.txt"), "stripe=" + TestSecrets.StripeKey + "\n");
        var encoded = TestSecrets.Base64(TestSecrets.Hex(TestSecrets.PercentEncodeAll("pat=" + TestSecrets.GitHubPat)));
        var envEncoded = TestSecrets.Base64("DEPLOY=" + EnvSecret);
        var stdout = "pushing with " + TestSecrets.NuGetKey + "\nblob " + encoded + "\n";
        var stderr = "warn: " + envEncoded + "\n";
        // The argv is not stdout: it is found in the command-run JSON (scanned as JSON text) and redacted there too.
        var argv = new[] { "dotnet", "nuget", "push", "--api-key", TestSecrets.NuGetKey };
        var attestor = new SecretScanAttestor();
        var run = await new AttestationContext(
            new AttestationContextOptions
            {
                WorkingDirectory = dir.Path,
                StepName = "push",
                Dialect = dialect,
                Environment = new Dictionary<string, string> { ["DEPLOY_TOKEN"] = EnvSecret },
            },
            [new EnvironmentAttestor(), CommandRunAttestor.FromRecord(new CommandRecord(argv, 0, stdout, stderr)), new ProductAttestor(), attestor])
            .RunAsync(TestContext.CancellationToken);
        Assert.IsTrue(run.Succeeded, string.Join("\n", run.Diagnostics));

        var statement = CollectionBuilder.Build(run, dialect);
        var before = Encoding.UTF8.GetString(statement.ToJsonBytes());
        var after = Encoding.UTF8.GetString(attestor.Redactor.Redact(statement).ToJsonBytes());

        StringAssert.Contains(before, TestSecrets.NuGetKey, "the planted secret is in the unredacted statement");
        foreach (var leaked in new[] { TestSecrets.NuGetKey, encoded, envEncoded, EnvSecret, TestSecrets.GitHubPat, TestSecrets.StripeKey })
        {
            Assert.DoesNotContain(leaked, after);
        }

        StringAssert.Contains(after, $"[REDACTED:nuget-api-key:sha256={TestSecrets.Sha256(TestSecrets.NuGetKey)[..8]}]");
        StringAssert.Contains(after, $"[REDACTED:github-pat:sha256={TestSecrets.Sha256(TestSecrets.GitHubPat)[..8]}]");
        StringAssert.Contains(after, $"[REDACTED:witness-encoded-env-value-DEPLOY-TOKEN:sha256={TestSecrets.Sha256(EnvSecret)[..8]}]");

        // The findings themselves survive redaction, with their locations and encodings.
        var findings = attestor.Findings;
        var pat = findings.Single(f => f.RuleId == "github-pat");
        Assert.AreEqual("attestation:command-run", pat.Location);
        Assert.AreEqual(2, pat.StartLine);
        CollectionAssert.AreEqual(new[] { "base64", "hex", "url" }, pat.EncodingPath.ToArray());
        Assert.AreEqual("product:leak.txt", findings.Single(f => f.RuleId == "stripe-access-token").Location);
        StringAssert.Contains(after, pat.Secret.Sha256Hex!);
        CollectionAssert.AreEqual(
            statement.Subjects.Select(s => s.Name).ToList(),
            attestor.Redactor.Redact(statement).Subjects.Select(s => s.Name).ToList());
    }

    [TestMethod]
    public void Redactor_BeforeAttesting_IsEmpty()
    {
        Assert.IsTrue(new SecretScanAttestor().Redactor.IsEmpty);
    }
}

using System.Text;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Tests.Run;
using Cilock.Secrets.Findings;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Recording;

/// <summary>The SDK pack step's secret scan through <see cref="Operations.Recording.StepRecordingOperation"/>.</summary>
[TestClass]
public sealed class StepRecordingSecretScanTests
{
    private static readonly string GitHubPat = RunSecretPlanted.GitHubPat;
    private static readonly string NuGetKey = RunSecretPlanted.NuGetKey;
    private static readonly string StripeKey = RunSecretPlanted.StripeKey;

    [TestMethod]
    public void Execute_SecretScan_FindingsHandedBackAndRedactedBeforeSigning()
    {
        using var dir = new TempDirectory();
        var product = dir.WriteFile("bin/appsettings.json", "{\n  \"token\": \"" + GitHubPat + "\"\n}\n");
        var trx = dir.WriteFile("obj/cilock/test-results/run.trx", "<TestRun><Output><StdOut>deploying with " + StripeKey + "\nok\n</StdOut></Output></TestRun>\n");
        var findings = new List<SecretFinding>();

        var result = StepRecordingOperationTests.Operation.Execute(StepRecordingOperationTests.Options(dir, "pack", "pack.intoto.json") with
        {
            Products = [product],
            Command = ["dotnet", "nuget", "push", "--api-key", NuGetKey],
            SecretScan = true,
            SecretScanFiles = [trx, dir.Combine("obj/cilock/missing.sarif")],
            SecretScanFindings = findings,
        });

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var found = findings.Select(f => $"{f.RuleId}@{f.Location}:{f.StartLine}").ToList();
        foreach (var expected in new[] { "github-pat@product:bin/appsettings.json:2", "stripe-access-token@file:obj/cilock/test-results/run.trx:1", "nuget-api-key@attestation:command-run:" })
        {
            // The argv is found in the command-run JSON, whose line depends on its layout.
            Assert.IsTrue(found.Any(f => f == expected || (expected.EndsWith(':') && f.StartsWith(expected, StringComparison.Ordinal))), string.Join(", ", found));
        }

        Assert.IsFalse(found.Any(f => f.Contains("missing.sarif", StringComparison.Ordinal)), "a listed file that does not exist is skipped");
        var evidence = File.ReadAllText(result.EnvelopePath!);
        var envelope = DsseEnvelope.Parse(evidence);
        var payload = Encoding.UTF8.GetString(envelope.Payload);
        foreach (var secret in new[] { GitHubPat, NuGetKey, StripeKey })
        {
            Assert.DoesNotContain(secret, payload);
            Assert.DoesNotContain(secret, evidence);
        }

        StringAssert.Contains(payload, $"\"--api-key\",\"[REDACTED:nuget-api-key:sha256={Sha256(NuGetKey)[..8]}]\"");
        StringAssert.Contains(payload, "/secretscan/");
    }

    [TestMethod]
    public void Execute_SecretScanOff_NoAttestationNoFindings()
    {
        using var dir = new TempDirectory();
        var product = dir.WriteFile("bin/appsettings.json", "token: " + GitHubPat + "\n");
        var findings = new List<SecretFinding>();

        var result = StepRecordingOperationTests.Operation.Execute(StepRecordingOperationTests.Options(dir, "pack", "pack.intoto.json") with
        {
            Products = [product],
            SecretScanFindings = findings,
        });

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.IsEmpty(findings);
        Assert.DoesNotContain("/secretscan/", Encoding.UTF8.GetString(DsseEnvelope.Parse(File.ReadAllText(result.EnvelopePath!)).Payload));
    }

    [TestMethod]
    public void Execute_InvalidRulesFile_Cil4002AndNothingWritten()
    {
        using var dir = new TempDirectory();
        var rules = dir.WriteFile("rules.json", "{ not json");

        var result = StepRecordingOperationTests.Operation.Execute(StepRecordingOperationTests.Options(dir, "pack", "pack.intoto.json") with
        {
            SecretScan = true,
            SecretScanRules = rules,
        });

        Assert.IsNull(result.EnvelopePath);
        Assert.AreEqual("CIL4002", result.Diagnostics.Single().Code);
        Assert.IsFalse(File.Exists(dir.Combine("evidence", "pack.intoto.json")));
    }

    private static string Sha256(string value) => RunSecretPlanted.Sha256(value);
}

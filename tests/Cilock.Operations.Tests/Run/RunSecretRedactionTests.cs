using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Run;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Run;

/// <summary>
/// `cilock run --secretscan` on a real child process that prints secrets: the signed evidence and the terminal copy
/// carry markers instead, the findings keep their locations and encodings, and no file cilock writes holds a secret.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class RunSecretRedactionTests
{
    private static readonly string GitHubPat = RunSecretPlanted.GitHubPat;
    private static readonly string NuGetKey = RunSecretPlanted.NuGetKey;
    private static readonly string StripeKey = RunSecretPlanted.StripeKey;
    private const string EnvSecret = "Vx9-deploy-Secret-7q";

    [TestMethod]
    public async Task ExecuteAsync_CommandPrintsSecrets_EvidenceTerminalAndFilesRedacted()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);
        var encodedNuGet = Base64(Hex(PercentEncodeAll("key=" + NuGetKey)));
        var encodedEnv = Base64("DEPLOY=" + EnvSecret);
        var script = dir.WriteFile("outside/emit.sh", string.Join('\n',
            "printf 'build ok\\n'",
            $"printf 'token %s\\n' '{GitHubPat}'",
            $"printf 'blob %s\\n' '{encodedNuGet}'",
            "printf 'env %s\\n' \"$DEPLOY_TOKEN\"",
            $"printf 'env64 %s\\n' '{encodedEnv}'",
            $"printf 'stripe=%s\\n' '{StripeKey}' > leak.txt",
            $"printf 'err %s\\n' '{GitHubPat}' >&2",
            ""));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var options = new RunOptions
        {
            StepName = "build",
            Command = ["sh", script],
            KeyPath = key.Path,
            WorkingDirectory = Directory.CreateDirectory(dir.Combine("work")).FullName,
            OutputPath = dir.Combine("evidence", "build.json"),
            SecretScan = true,
            StandardOutput = stdout,
            StandardError = stderr,
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["DEPLOY_TOKEN"] = EnvSecret },
        };

        var result = await new RunOperation().ExecuteAsync(options);

        Assert.AreEqual(0, result.ExitCode);
        var evidence = File.ReadAllText(result.OutputPath);
        var envelope = DsseEnvelope.Parse(evidence);
        Assert.IsTrue(DsseVerifier.Verify(envelope, new() { Verifiers = [KeyLoader.LoadVerifier(key.Pub)] }).IsValid, "redaction happens before signing");
        var payload = Encoding.UTF8.GetString(envelope.Payload);
        var raw = new[] { GitHubPat, NuGetKey, encodedNuGet, StripeKey, EnvSecret, encodedEnv };
        foreach (var (name, text) in new[] { ("payload", payload), ("envelope", evidence), ("stdout", stdout.ToString()), ("stderr", stderr.ToString()) })
        {
            foreach (var secret in raw)
            {
                Assert.DoesNotContain(secret, text, $"{name} leaks a planted secret");
            }
        }

        var patMarker = $"[REDACTED:github-pat:sha256={Sha256(GitHubPat)[..8]}]";
        StringAssert.Contains(stdout.ToString(), $"token {patMarker}\n");
        StringAssert.Contains(stderr.ToString(), $"err {patMarker}\n");
        StringAssert.Contains(stdout.ToString(), "env ******\n");
        var commandRun = Entry(envelope, "/command-run/");
        StringAssert.Contains((string)commandRun["stdout"]!, $"token {patMarker}\n");
        StringAssert.Contains((string)commandRun["stdout"]!, $"blob [REDACTED:nuget-api-key:sha256={Sha256(NuGetKey)[..8]}]\n");
        StringAssert.Contains((string)commandRun["stdout"]!, $"env64 [REDACTED:witness-encoded-env-value-DEPLOY-TOKEN:sha256={Sha256(EnvSecret)[..8]}]\n");

        var findings = Entry(envelope, "/secretscan/")["findings"]!.AsArray().Select(f => f!.AsObject()).ToList();
        var pat = findings.First(f => (string?)f["ruleId"] == "github-pat" && (string?)f["location"] == "attestation:command-run");
        Assert.AreEqual(Sha256(GitHubPat), (string?)pat["secret"]!["sha256"]);
        var nuget = findings.Single(f => (string?)f["ruleId"] == "nuget-api-key");
        Assert.AreEqual("attestation:command-run", (string?)nuget["location"]);
        Assert.AreEqual(3, (int)nuget["startLine"]!);
        CollectionAssert.AreEqual(new[] { "base64", "hex", "url" }, nuget["encodingPath"]!.AsArray().Select(e => (string?)e).ToArray());
        Assert.IsTrue((bool)nuget["locationApproximate"]!);
        var env = findings.Single(f => (string?)f["ruleId"] == "witness-encoded-env-value-DEPLOY-TOKEN");
        CollectionAssert.AreEqual(new[] { "base64" }, env["encodingPath"]!.AsArray().Select(e => (string?)e).ToArray());
        Assert.AreEqual("product:leak.txt", (string?)findings.Single(f => (string?)f["ruleId"] == "stripe-access-token")["location"]);

        // Every file under the test folder: only the planted script and the command's own product hold a secret.
        var holders = Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories)
            .Where(f => raw.Any(s => File.ReadAllText(f).Contains(s, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(dir.Path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        CollectionAssert.AreEqual(new[] { "outside/emit.sh", "work/leak.txt" }, holders);
    }

    [TestMethod]
    public async Task ExecuteAsync_WithoutSecretScan_TerminalUntouched()
    {
        using var dir = new TempDirectory();
        var key = TestKeys.Create(dir);
        using var stdout = new StringWriter();
        var options = new RunOptions
        {
            StepName = "build",
            Command = ["make"],
            KeyPath = key.Path,
            WorkingDirectory = Directory.CreateDirectory(dir.Combine("work")).FullName,
            OutputPath = dir.Combine("out.json"),
            StandardOutput = stdout,
            Attestations = ["environment"],
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
        };

        await new RunOperation(new FakeCommandRunner(0, "token " + GitHubPat, "\n")).ExecuteAsync(options);

        Assert.AreEqual("token " + GitHubPat + "\n", stdout.ToString(), "rule-based redaction is part of --secretscan only");
    }

    private static JsonObject Entry(DsseEnvelope envelope, string typePart) =>
        CollectionReader.Read(envelope.Payload).Collection.Entries.Single(e => e.Type.Contains(typePart, StringComparison.Ordinal)).Attestation!.AsObject();

    private static string Sha256(string value) => RunSecretPlanted.Sha256(value);

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static string Hex(string value) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));

    private static string PercentEncodeAll(string value) => string.Concat(Encoding.UTF8.GetBytes(value).Select(b => $"%{b:X2}"));
}

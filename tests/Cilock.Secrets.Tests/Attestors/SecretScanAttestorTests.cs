using System.IO.Compression;
using System.Text;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Attestors.Product;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Secrets.Attestors;
using Cilock.TestUtilities;

namespace Cilock.Secrets.Tests.Attestors;

[TestClass]
public sealed class SecretScanAttestorTests
{
    private const string EnvSecret = "Vx9-deploy-Secret-7q";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(Dialect.Cilock, "https://aflock.ai/attestations/secretscan/v0.1")]
    [DataRow(Dialect.Witness, "https://witness.dev/attestations/secretscan/v0.1")]
    public void PredicateType_PerDialect(Dialect dialect, string expected)
    {
        var attestor = new SecretScanAttestor();
        Assert.AreEqual(expected, attestor.PredicateType(dialect));
        Assert.AreEqual(AttestationPhase.PostProduct, attestor.Phase);
        Assert.AreEqual("secretscan", attestor.Name);
    }

    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public async Task Run_PlantedSecrets_FoundInOutputProductsPackageAndEnv_NeverWrittenRaw(Dialect dialect)
    {
        using var dir = new TempDirectory();
        var encodedPat = TestSecrets.Base64(TestSecrets.Hex(TestSecrets.PercentEncodeAll("pat=" + TestSecrets.GitHubPat)));
        var stdout = "restore\nbuild\npushing with " + TestSecrets.NuGetKey + "\n";
        var stderr = "warn: " + TestSecrets.Base64("DEPLOY=" + EnvSecret) + "\n";
        var attestor = new SecretScanAttestor();
        var context = new AttestationContext(
            new AttestationContextOptions
            {
                WorkingDirectory = dir.Path,
                StepName = "build",
                Dialect = dialect,
                Environment = new Dictionary<string, string> { ["DEPLOY_TOKEN"] = EnvSecret, ["HOME"] = "/home/u" },
            },
            [
                CommandRunAttestor.FromRecord(new CommandRecord(["dotnet", "build"], 0, stdout, stderr)),
                new WriteProductsAttestor(encodedPat),
                new ProductAttestor(),
                attestor,
            ]);

        var run = await context.RunAsync(TestContext.CancellationToken);
        Assert.IsTrue(run.Succeeded, string.Join("\n", run.Diagnostics));

        var findings = attestor.Findings;
        var nuget = findings.Single(f => f.RuleId == "nuget-api-key");
        Assert.AreEqual("attestation:command-run", nuget.Location);
        Assert.AreEqual(3, nuget.StartLine);

        var env = findings.Single(f => f.RuleId == "witness-encoded-env-value-DEPLOY-TOKEN");
        Assert.AreEqual("attestation:command-run", env.Location);
        CollectionAssert.AreEqual(new[] { "base64" }, env.EncodingPath.ToArray());

        var literal = findings.Single(f => f.RuleId == "stripe-access-token");
        Assert.AreEqual("product:config/app.settings", literal.Location);
        Assert.AreEqual(2, literal.StartLine);

        var encoded = findings.Single(f => f.RuleId == "github-pat" && f.Location == "product:logs/encoded.txt");
        CollectionAssert.AreEqual(new[] { "base64", "hex", "url" }, encoded.EncodingPath.ToArray());
        Assert.IsTrue(encoded.LocationApproximate);

        var packaged = findings.Single(f => f.Location == "product:bin/Demo.1.0.0.nupkg!/content/appsettings.json" && f.RuleId == "github-pat");
        Assert.AreEqual(3, packaged.StartLine);
        Assert.IsEmpty(findings.Where(f => f.Location.Contains("logo.png", StringComparison.Ordinal)));

        var subjects = attestor.GetSubjects(dialect);
        Assert.IsTrue(subjects.ContainsKey("product:config/app.settings"));
        Assert.IsTrue(subjects.ContainsKey("product:bin/Demo.1.0.0.nupkg"));

        // Everything we write: the secretscan predicate inside the signed statement, the CIL4001 diagnostics, ToString.
        // (The whole statement is not checked: command-run records stdout as it was, planted NuGet key included.)
        var statement = Encoding.UTF8.GetString(CollectionBuilder.Build(run, dialect).ToJsonBytes());
        var predicate = attestor.ToJson(dialect)!.ToJsonString();
        StringAssert.Contains(statement, attestor.PredicateType(dialect));
        StringAssert.Contains(statement, nuget.Secret.Sha256Hex!);
        var failure = string.Join("\n", attestor.FailureDiagnostics().Select(d => d.ToCanonicalString()));
        Assert.IsTrue(attestor.FailureDiagnostics().All(d => d.Code == "CIL4001"));
        var summary = string.Join("\n", findings.Select(f => f.ToString()));
        foreach (var secret in new[] { TestSecrets.GitHubPat, TestSecrets.StripeKey, EnvSecret })
        {
            Assert.DoesNotContain(secret, statement);
        }

        foreach (var secret in new[] { TestSecrets.GitHubPat, TestSecrets.NuGetKey, TestSecrets.StripeKey, EnvSecret })
        {
            Assert.DoesNotContain(secret, predicate);
            Assert.DoesNotContain(secret, failure);
            Assert.DoesNotContain(secret, summary);
        }
    }

    [TestMethod]
    public async Task Run_SensitiveEnvValueInProduct_FoundLiterally()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "out.txt"), "value: " + EnvSecret + "\n");
        var attestor = new SecretScanAttestor();
        var context = new AttestationContext(
            new AttestationContextOptions
            {
                WorkingDirectory = dir.Path,
                StepName = "s",
                Environment = new Dictionary<string, string> { ["MY_PASSWORD"] = EnvSecret },
            },
            [new ProductAttestor(), attestor]);
        await context.RunAsync(TestContext.CancellationToken);
        var finding = attestor.Findings.Single(f => f.RuleId == "witness-env-value-MY-PASSWORD");
        Assert.AreEqual("product:out.txt", finding.Location);
        Assert.AreEqual("[SENSITI...", finding.Match);
    }

    [TestMethod]
    public async Task ToJson_Clean_WritesEmptyArray()
    {
        using var dir = new TempDirectory();
        var attestor = new SecretScanAttestor();
        Assert.IsNull(attestor.ToJson(Dialect.Cilock));
        await new AttestationContext(new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "s", Environment = new Dictionary<string, string>() }, [attestor])
            .RunAsync(TestContext.CancellationToken);
        Assert.AreEqual("""{"findings":[]}""", attestor.ToJson(Dialect.Witness)!.ToJsonString());
    }

    /// <summary>Plays the build: writes the product files during the execute phase.</summary>
    private sealed class WriteProductsAttestor(string encodedPat) : IAttestor
    {
        public string Name => "write-products";

        public AttestationPhase Phase => AttestationPhase.Execute;

        public string PredicateType(Dialect dialect) => "https://example.test/none";

        public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
        {
            var root = context.WorkingDirectory;
            Directory.CreateDirectory(Path.Combine(root, "config"));
            Directory.CreateDirectory(Path.Combine(root, "logs"));
            Directory.CreateDirectory(Path.Combine(root, "bin"));
            File.WriteAllText(Path.Combine(root, "config", "app.settings"), "name=demo\nstripe=" + TestSecrets.StripeKey + "\n");
            File.WriteAllText(Path.Combine(root, "logs", "encoded.txt"), "trace\nblob " + encodedPat + "\n");
            using (var zip = ZipFile.Open(Path.Combine(root, "bin", "Demo.1.0.0.nupkg"), ZipArchiveMode.Create))
            {
                Write(zip, "Demo.nuspec", "<package><metadata><id>Demo</id></metadata></package>");
                Write(zip, "content/appsettings.json", "{\n  \"Name\": \"demo\",\n  \"GitHubToken\": \"" + TestSecrets.GitHubPat + "\"\n}\n");
                var png = zip.CreateEntry("content/logo.png");
                using var s = png.Open();
                s.Write([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(TestSecrets.GitHubPat)]);
            }

            return ValueTask.CompletedTask;
        }

        public System.Text.Json.Nodes.JsonNode? ToJson(Dialect dialect) => null;

        private static void Write(ZipArchive zip, string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }
    }
}

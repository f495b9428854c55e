using System.Text;
using System.Text.Json.Nodes;
using Cilock.Secrets.Scanning;

namespace Cilock.Secrets.Tests.Scanning;

[TestClass]
public sealed class SecretScannerTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Scan_PatInStdout_ReportsRuleLineHashAndTruncatedMatch()
    {
        var text = "Restoring...\nBuild succeeded\nusing token " + TestSecrets.GitHubPat + " for push\n";
        var finding = new SecretScanner().Scan(text, "attestation:command-run").Findings.Single(f => f.RuleId == "github-pat");
        Assert.AreEqual("attestation:command-run", finding.Location);
        Assert.AreEqual(3, finding.StartLine);
        Assert.AreEqual(TestSecrets.Sha256(TestSecrets.GitHubPat), finding.Secret.Sha256Hex);
        Assert.AreEqual("ghp_R8bX...", finding.Match);
        Assert.IsEmpty(finding.EncodingPath);
        Assert.IsFalse(finding.LocationApproximate);
        Assert.IsGreaterThan(3.0, finding.Entropy);
    }

    [TestMethod]
    public void Scan_NuGetKey_UsesSecretGroup()
    {
        var finding = new SecretScanner().Scan("dotnet nuget push -k " + TestSecrets.NuGetKey + " -s x", "t").Findings.Single(f => f.RuleId == "nuget-api-key");
        Assert.AreEqual(TestSecrets.Sha256(TestSecrets.NuGetKey), finding.Secret.Sha256Hex);
    }

    [TestMethod]
    public void Scan_Base64OfHexOfUrlEncoded_ReportsEncodingPathOutermostFirst()
    {
        var encoded = TestSecrets.Base64(TestSecrets.Hex(TestSecrets.PercentEncodeAll("key: " + TestSecrets.GitHubPat)));
        var text = "first line\nsecond line\nblob=" + encoded + "\n";
        var finding = new SecretScanner().Scan(text, "product:out/log.txt", "out/log.txt").Findings.Single(f => f.RuleId == "github-pat");
        CollectionAssert.AreEqual(new[] { "base64", "hex", "url" }, finding.EncodingPath.ToArray());
        Assert.IsTrue(finding.LocationApproximate);
        Assert.AreEqual(3, finding.StartLine);
        Assert.AreEqual("product:out/log.txt", finding.Location);
        Assert.AreEqual(TestSecrets.Sha256(TestSecrets.GitHubPat), finding.Secret.Sha256Hex);
    }

    [TestMethod]
    public void Scan_FourLayers_StopsAtThree()
    {
        var four = TestSecrets.Base64(TestSecrets.Base64(TestSecrets.Base64(TestSecrets.Base64("t " + TestSecrets.GitHubPat))));
        Assert.IsEmpty(new SecretScanner().Scan(four, "t").Findings.Where(f => f.RuleId == "github-pat"));
        var three = TestSecrets.Base64(TestSecrets.Base64(TestSecrets.Base64("t " + TestSecrets.GitHubPat)));
        Assert.HasCount(3, new SecretScanner().Scan(three, "t").Findings.Single(f => f.RuleId == "github-pat").EncodingPath);
    }

    [TestMethod]
    public void Scan_SensitiveEnvValue_LiteralAndEncoded()
    {
        const string value = "s3cr3t-Value-42";
        var scanner = new SecretScanner(new SecretScanOptions { SensitiveValues = [new SensitiveValue("MY_API_TOKEN", value)] });
        var text = "echo " + value + "\nencoded " + TestSecrets.Base64("v=" + value) + "\n";
        var findings = scanner.Scan(text, "attestation:command-run").Findings;
        var literal = findings.Single(f => f.RuleId == "witness-env-value-MY-API-TOKEN");
        Assert.AreEqual(1, literal.StartLine);
        Assert.AreEqual("[SENSITI...", literal.Match);
        Assert.AreEqual(TestSecrets.Sha256(value), literal.Secret.Sha256Hex);
        var encoded = findings.Single(f => f.RuleId == "witness-encoded-env-value-MY-API-TOKEN");
        Assert.AreEqual(2, encoded.StartLine);
        CollectionAssert.AreEqual(new[] { "base64" }, encoded.EncodingPath.ToArray());
    }

    [TestMethod]
    public void Scan_EnvValueCutShortInsideEncoding_ReportsPartial()
    {
        const string value = "Zq8vN3kL0pX7mR2t";
        var scanner = new SecretScanner(new SecretScanOptions { SensitiveValues = [new SensitiveValue("DEPLOY_KEY", value)] });
        var findings = scanner.Scan("x " + TestSecrets.Base64("prefix " + value[..12]) + " y", "t").Findings;
        Assert.AreEqual("witness-encoded-env-value-DEPLOY-KEY-partial", findings.Single().RuleId);
    }

    [TestMethod]
    public void Scan_ShortEnvValue_Ignored()
    {
        var scanner = new SecretScanner(new SecretScanOptions { SensitiveValues = [new SensitiveValue("PIN_SECRET", "123")] });
        Assert.IsEmpty(scanner.Scan("pin 123 123", "t").Findings);
    }

    [TestMethod]
    public void Scan_LowEntropyOrAllowlisted_NotReported()
    {
        var scanner = new SecretScanner();
        Assert.IsEmpty(scanner.Scan("api_key = \"aaaaaaaaaaaaaaaaaaaaaaaa\"", "t").Findings);
        Assert.IsEmpty(scanner.Scan("password = \"${DB_PASSWORD}\"", "t").Findings);
        Assert.IsEmpty(scanner.Scan("plain prose without anything interesting", "t").Findings);
    }

    [TestMethod]
    public void Scan_PrivateKeyAcrossManyLines_FoundWhole()
    {
        var body = string.Join("\n", Enumerable.Range(0, 60).Select(i => Convert.ToBase64String(Encoding.ASCII.GetBytes($"line{i:D3}-abcdefghijklmnopqrstuvwxyz0123456"))));
        var pem = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----";
        var finding = new SecretScanner().Scan("config:\n" + pem + "\n", "t").Findings.Single(f => f.RuleId == "private-key");
        Assert.AreEqual(2, finding.StartLine);
        Assert.AreEqual(TestSecrets.Sha256(pem), finding.Secret.Sha256Hex);
    }

    [TestMethod]
    public void Scan_MatchLongerThanKeywordWindow_IsNotCutShort()
    {
        // A 1Password service-account token is "ops_eyJ" + ≥ 250 base64 chars; make it far longer than the window.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new Random(42);
        var token = "ops_eyJ" + string.Concat(Enumerable.Range(0, 1500).Select(_ => alphabet[random.Next(alphabet.Length)]));
        var finding = new SecretScanner().Scan("token: " + token + "\n", "t").Findings.Single(f => f.RuleId == "1password-service-account-token");
        Assert.AreEqual(TestSecrets.Sha256(token), finding.Secret.Sha256Hex);
    }

    [TestMethod]
    public void Scan_SameSecretTwiceOnOneLine_ReportedOnce() =>
        Assert.HasCount(1, new SecretScanner().Scan($"{TestSecrets.GitHubPat} {TestSecrets.GitHubPat}", "t").Findings.Where(f => f.RuleId == "github-pat"));

    [TestMethod]
    public void Scan_Findings_NeverContainRawSecret()
    {
        var text = "a " + TestSecrets.GitHubPat + "\nb " + TestSecrets.Base64("k=" + TestSecrets.StripeKey) + "\nc " + TestSecrets.NuGetKey;
        var findings = new SecretScanner().Scan(text, "t").Findings;
        Assert.IsGreaterThanOrEqualTo(3, findings.Count);
        var json = new JsonArray([.. findings.Select(f => (JsonNode)f.ToJson())]).ToJsonString();
        var strings = string.Join("\n", findings.Select(f => f.ToString()));
        foreach (var secret in new[] { TestSecrets.GitHubPat, TestSecrets.StripeKey, TestSecrets.NuGetKey })
        {
            Assert.DoesNotContain(secret, json);
            Assert.DoesNotContain(secret, strings);
        }
    }

    [TestMethod]
    [DataRow("ops_eyJ", 'A')] // an unbounded token rule fed a 4 MiB run
    [DataRow("api_key = ", 'a')] // the generic rule's lazy prefix on one giant line
    [DataRow("-----BEGIN PRIVATE KEY-----", '\n')] // a key header followed by nothing but newlines
    [DataRow("%41", '%')] // half-formed percent encoding
    public void Scan_HostileInput_FinishesWithinBudget(string prefix, char filler)
    {
        var text = new StringBuilder();
        for (var i = 0; i < 64; i++)
        {
            text.Append(prefix).Append(filler, 64 * 1024);
        }

        // A cancellation budget, not a timed assert: a super-linear path would throw OperationCanceledException here.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        budget.CancelAfter(TimeSpan.FromMinutes(2));
        var result = new SecretScanner().Scan(text.ToString(), "t", ct: budget.Token);
        Assert.IsNotNull(result);
    }

    [TestMethod]
    public void Scan_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => new SecretScanner().Scan("token " + TestSecrets.GitHubPat, "t", ct: cts.Token));
    }
}

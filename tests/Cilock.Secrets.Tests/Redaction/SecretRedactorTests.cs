using System.Text.Json.Nodes;
using Cilock.Attestation.InToto;
using Cilock.Secrets.Redaction;
using Cilock.Secrets.Scanning;

namespace Cilock.Secrets.Tests.Redaction;

[TestClass]
public sealed class SecretRedactorTests
{
    private static readonly SecretScanner Scanner = new();

    [TestMethod]
    public void Redact_LiteralToken_ReplacedByMarkerNamingRuleAndHashPrefix()
    {
        var text = "login ok\ntoken: " + TestSecrets.GitHubPat + "\nbye\n";
        var redactor = FromScan(text);

        var redacted = redactor.Redact(text);

        Assert.AreEqual($"login ok\ntoken: [REDACTED:github-pat:sha256={TestSecrets.Sha256(TestSecrets.GitHubPat)[..8]}]\nbye\n", redacted);
    }

    [TestMethod]
    public void Redact_Base64OfHexOfUrlEncoded_WholeEncodedRunReplaced()
    {
        var encoded = TestSecrets.Base64(TestSecrets.Hex(TestSecrets.PercentEncodeAll("pat=" + TestSecrets.GitHubPat)));
        var text = "blob " + encoded + " end";
        var result = Scanner.Scan(text, "t");
        CollectionAssert.AreEqual(new[] { "base64", "hex", "url" }, result.Findings.Single().EncodingPath.ToArray());

        var redacted = new SecretRedactor(result.Redactions).Redact(text);

        Assert.AreEqual($"blob [REDACTED:github-pat:sha256={TestSecrets.Sha256(TestSecrets.GitHubPat)[..8]}] end", redacted);
    }

    [TestMethod]
    public void Redact_EncodedSensitiveEnvValue_Replaced()
    {
        const string value = "Vx9-deploy-Secret-7q";
        var scanner = new SecretScanner(new SecretScanOptions { SensitiveValues = [new SensitiveValue("DEPLOY_TOKEN", value)] });
        var encoded = TestSecrets.Base64("DEPLOY=" + value);
        var text = "warn: " + encoded + "\n";

        var redacted = new SecretRedactor(scanner.Scan(text, "t").Redactions).Redact(text);

        Assert.AreEqual($"warn: [REDACTED:witness-encoded-env-value-DEPLOY-TOKEN:sha256={TestSecrets.Sha256(value)[..8]}]\n", redacted);
    }

    [TestMethod]
    public void Redact_JsonNode_StringValuesRedactedDigestMembersAndNamesKept()
    {
        var redactor = new SecretRedactor([new RedactionTarget("abcd1234", "[X]")]);
        var node = JsonNode.Parse("""{"sha256":"00abcd1234ff","abcd1234":{"text":"a abcd1234 b","n":1},"list":["abcd1234",true]}""");

        var redacted = redactor.Redact(node)!.ToJsonString();

        Assert.AreEqual("""{"sha256":"00abcd1234ff","abcd1234":{"text":"a [X] b","n":1},"list":["[X]",true]}""", redacted);
        Assert.Contains("\"a abcd1234 b\"", node!.ToJsonString(), "the input is not modified");
    }

    [TestMethod]
    public void Redact_TargetFoundInSerializedJson_UnescapedFormAlsoRedacted()
    {
        // Other attestors are scanned as JSON text, where a newline inside a value is the two characters \n.
        var redactor = new SecretRedactor([new RedactionTarget("first\\nsecond-part", "[X]")]);

        Assert.AreEqual("[X]", redactor.Redact(JsonValue.Create("first\nsecond-part"))!.GetValue<string>());
        Assert.AreEqual("[X]", redactor.Redact("first\\nsecond-part"));
    }

    [TestMethod]
    public void Redact_LongerTargetContainingShorter_LongerReplacedWhole()
    {
        var redactor = new SecretRedactor([new RedactionTarget("inner-secret", "[A]"), new RedactionTarget("x-inner-secret-y", "[B]")]);

        Assert.AreEqual("[B] [A]", redactor.Redact("x-inner-secret-y inner-secret"));
    }

    [TestMethod]
    public void Constructor_TargetShorterThanFloor_Ignored()
    {
        var redactor = new SecretRedactor([new RedactionTarget("abc", "[X]")]);

        Assert.IsTrue(redactor.IsEmpty);
        Assert.AreEqual("abc", redactor.Redact("abc"));
    }

    [TestMethod]
    public void Redact_Statement_PredicateRedactedSubjectsKept()
    {
        var redactor = new SecretRedactor([new RedactionTarget("secret-value-1", "[X]")]);
        var subject = new Subject("file:secret-value-1.txt", DigestSet.FromSha256(new string('a', 64)));
        var statement = new Statement("https://example.test/p", [subject], JsonNode.Parse("""{"out":"secret-value-1"}"""));

        var redacted = redactor.Redact(statement);

        Assert.AreEqual("""{"out":"[X]"}""", redacted.Predicate!.ToJsonString());
        Assert.AreEqual("file:secret-value-1.txt", redacted.Subjects.Single().Name);
        Assert.AreSame(statement, SecretRedactor.None.Redact(statement));
    }

    [TestMethod]
    public void ToString_Target_ShowsMarkerNotText()
    {
        Assert.AreEqual("[X]", new RedactionTarget("secret-value-1", "[X]").ToString());
    }

    private static SecretRedactor FromScan(string text) => new(Scanner.Scan(text, "t").Redactions);
}

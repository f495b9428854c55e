using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Model;

[TestClass]
public sealed class PolicyValidatorTests
{
    private static PolicyDocument Parse(string json) => PolicyReader.Parse(Encoding.UTF8.GetBytes(json));

    [TestMethod]
    public void Validate_StepNameNotKey_ErrorUnderHardeningWarningOtherwise()
    {
        var p = Parse("""{"steps":{"build":{"name":"Build","attestations":[{"type":"t"}]}}}""");

        var enforce = PolicyValidator.Validate(p, new PolicyVerificationOptions());
        var warn = PolicyValidator.Validate(p, new PolicyVerificationOptions { Hardening = PolicyHardening.Warn });

        Assert.IsTrue(enforce.Any(d => d.Severity == DiagnosticSeverity.Error && d.Code == PolicyDiagnostics.PolicyInvalid));
        Assert.IsFalse(warn.Any(d => d.Severity == DiagnosticSeverity.Error));
        Assert.IsTrue(warn.Any(d => d.Code == PolicyDiagnostics.CompatSwitchUsed));
    }

    [TestMethod]
    public void Validate_SnakeCaseExtensionKey_RejectedByDefault_DroppedWithSwitch()
    {
        const string json = """{"steps":{"s":{"name":"s","attestations":[{"type":"t"}],"functionaries":[{"certConstraint":{"roots":["*"],"extensions":{"issuer":"https://x","source_repository_uri":"https://github.com/a/b"}}}]}}}""";

        var strict = PolicyValidator.Validate(Parse(json), new PolicyVerificationOptions());
        var compatPolicy = Parse(json);
        var compat = PolicyValidator.Validate(compatPolicy, new PolicyVerificationOptions { IgnoreUnknownExtensionKeys = true });

        Assert.AreEqual(PolicyDiagnostics.UnknownExtensionKey, strict.Single(d => d.Severity == DiagnosticSeverity.Error).Code);
        StringAssert.Contains(strict.Single().Message, "source_repository_uri");
        Assert.IsFalse(compat.Any(d => d.Severity == DiagnosticSeverity.Error));
        CollectionAssert.AreEqual(new[] { "issuer" }, compatPolicy.Steps!["s"].Functionaries![0].CertConstraint!.Extensions!.Keys.ToArray());
    }

    [TestMethod]
    public void Validate_AttestationsFromCycle_Error()
    {
        var p = Parse("""{"steps":{"a":{"name":"a","attestationsFrom":["b"]},"b":{"name":"b","attestationsFrom":["a"]}}}""");

        var found = PolicyValidator.Validate(p, new PolicyVerificationOptions());

        Assert.IsTrue(found.Any(d => d.Message.Contains("cycle", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("""{"steps":{"a":{"name":"a","attestationsFrom":["a"]}}}""", "itself")]
    [DataRow("""{"steps":{"a":{"name":"a","artifactsFrom":["z"]}}}""", "unknown step 'z'")]
    [DataRow("""{"steps":{"a":{"name":"a","externalFrom":["e"]}}}""", "unknown external")]
    [DataRow("""{"steps":{"a":{"name":"a","timestampConstraint":{}}}}""", "sets none")]
    [DataRow("""{"steps":{"a":{"name":"a","timestampConstraint":{"maxAge":"-5m"}}}}""", "positive Go duration")]
    [DataRow("""{"steps":{"a":{"name":"a","timestampConstraint":{"maxAge":"5 days"}}}}""", "positive Go duration")]
    [DataRow("""{}""", "no steps")]
    public void Validate_BadStructure_ReportsError(string json, string expected)
    {
        var found = PolicyValidator.Validate(Parse(json), new PolicyVerificationOptions());

        Assert.IsTrue(found.Any(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains(expected, StringComparison.Ordinal)), string.Join("\n", found.Select(f => f.Message)));
    }

    [TestMethod]
    public void EvaluationOrder_FollowsAttestationsFrom()
    {
        var p = Parse("""{"steps":{"a":{"name":"a","attestationsFrom":["c"]},"b":{"name":"b"},"c":{"name":"c","attestationsFrom":["b"]}}}""");

        CollectionAssert.AreEqual(new[] { "b", "c", "a" }, PolicyValidator.EvaluationOrder(p).ToArray());
    }

    [TestMethod]
    [DataRow("720h", 720 * 60)]
    [DataRow("1h30m", 90)]
    [DataRow("90s", 1.5)]
    [DataRow("1.5h", 90)]
    [DataRow("0", 0)]
    public void GoDuration_Parses(string text, double minutes)
    {
        Assert.IsTrue(GoDuration.TryParse(text, out var value));
        Assert.AreEqual(TimeSpan.FromMinutes(minutes), value);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("5")]
    [DataRow("5d")]
    [DataRow("h")]
    public void GoDuration_RejectsInvalid(string text) => Assert.IsFalse(GoDuration.TryParse(text, out _));
}

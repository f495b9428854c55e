using System.Text.RegularExpressions;
using Cilock.Attestation.Diagnostics;
using Cilock.Secrets.Rules;
using Cilock.Secrets.Scanning;
using Cilock.TestUtilities;

namespace Cilock.Secrets.Tests.Rules;

[TestClass]
public sealed class RuleSetTests
{
    [TestMethod]
    public void Default_CoversCommonProviders()
    {
        foreach (var id in new[]
        {
            "aws-access-token", "gcp-api-key", "azure-ad-client-secret", "github-pat", "github-fine-grained-pat", "gitlab-pat",
            "nuget-api-key", "npm-access-token", "pypi-upload-token", "slack-bot-token", "stripe-access-token",
            "twilio-api-key", "sendgrid-api-token", "private-key", "jwt", "connection-string-password", "generic-api-key",
        })
        {
            CollectionAssert.Contains(RuleSet.Default.Ids.ToList(), id);
        }
    }

    [TestMethod]
    public void Default_EveryContentRuleRunsOnTheLinearEngine()
    {
        // NonBacktracking is what makes hostile input safe; a default rule silently falling back would lose that.
        foreach (var rule in RuleSet.Default.Rules.Where(r => !r.IsPathOnly))
        {
            Assert.IsTrue(rule.Scanner!.Options.HasFlag(RegexOptions.NonBacktracking), rule.Id);
        }
    }

    [TestMethod]
    public void Default_IdsAreLowerCaseAndUnique()
    {
        Assert.HasCount(RuleSet.Default.Ids.Distinct().Count(), RuleSet.Default.Ids);
        Assert.IsTrue(RuleSet.Default.Ids.All(id => id == id.ToLowerInvariant()));
    }

    [TestMethod]
    public void Load_UserRule_ExtendsDefaults()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "rules.json");
        File.WriteAllText(file, """{"rules":[{"id":"Acme-Token","description":"Acme token","regex":"\\bacme_([a-z0-9]{20})\\b","keywords":["acme_"]}]}""");
        var rules = RuleSet.Load(file);
        Assert.AreEqual(RuleSet.Default.Ids.Count + 1, rules.Ids.Count);
        var finding = new SecretScanner(new SecretScanOptions { Rules = rules }).Scan("x acme_0123456789abcdefghij y", "t").Findings.Single();
        Assert.AreEqual("acme-token", finding.RuleId);
        Assert.AreEqual(TestSecrets.Sha256("0123456789abcdefghij"), finding.Secret.Sha256Hex);
    }

    [TestMethod]
    public void FromJson_SameId_OverridesAndDisabledRulesRemove()
    {
        var rules = RuleSet.FromJson("""
            {"disabledRules":["generic-api-key"],
             "rules":[{"id":"github-pat","description":"mine","regex":"ghp_[0-9a-zA-Z]{36}","keywords":["ghp_"],"allowlists":[{"stopwords":["r8bxq2"]}]}]}
            """);
        Assert.DoesNotContain("generic-api-key", rules.Ids);
        Assert.AreEqual(RuleSet.Default.Ids.Count - 1, rules.Ids.Count);
        Assert.IsEmpty(new SecretScanner(new SecretScanOptions { Rules = rules }).Scan("t = " + TestSecrets.GitHubPat, "t").Findings);
    }

    [TestMethod]
    public void FromJson_ExtendDefaultsFalse_ReplacesDefaults() =>
        Assert.HasCount(1, RuleSet.FromJson("""{"extendDefaults":false,"rules":[{"id":"x","regex":"x{3}","keywords":["xxx"]}]}""").Ids);

    [TestMethod]
    [DataRow("""{"rules":[{"id":"bad","regex":"(unclosed","keywords":["a"]}]}""")]
    [DataRow("""{"rules":[{"description":"no id","regex":"a"}]}""")]
    [DataRow("""{"rules":[{"id":"nothing"}]}""")]
    [DataRow("""{"rules":[{"id":"x","regex":"a","allowlists":[{"regexTarget":"nope","regexes":["a"]}]}]}""")]
    [DataRow("not json")]
    public void FromJson_Invalid_ThrowsCil4002(string json)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => RuleSet.FromJson(json));
        Assert.AreEqual("CIL4002", e.Code);
    }

    [TestMethod]
    public void Load_MissingFile_ThrowsCil4002() =>
        Assert.AreEqual("CIL4002", Assert.ThrowsExactly<CilockException>(() => RuleSet.Load("/nonexistent/rules.json")).Code);
}

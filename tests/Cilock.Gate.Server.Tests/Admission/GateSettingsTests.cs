using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Server.Admission;
using Cilock.Gate.Server.Configuration;
using Cilock.Gate.Server.Diagnostics;
using Cilock.Gate.Server.Tests.Infrastructure;

namespace Cilock.Gate.Server.Tests.Admission;

[TestClass]
public sealed class GateSettingsTests
{
    [TestMethod]
    [DataRow("store")]
    [DataRow("audit")]
    [DataRow("upstream")]
    [DataRow("policies")]
    [DataRow("policyfile")]
    [DataRow("size")]
    public async Task From_MissingRequiredSetting_Cil3901(string broken)
    {
        await using var scenario = new AdmissionScenario();
        var options = scenario.Options;
        switch (broken)
        {
            case "store": options.EvidenceStore = ""; break;
            case "audit": options.AuditLog = ""; break;
            case "upstream": options.Upstream.Source = ""; break;
            case "policies": options.Policies.Clear(); break;
            case "policyfile": options.Policies[0].Policy = scenario.Temp.Combine("missing.json"); break;
            case "size": options.MaxPackageBytes = 0; break;
        }

        var error = Assert.ThrowsExactly<CilockException>(() => GateSettings.From(options, scenario.Temp.Path));

        Assert.AreEqual(AdmissionDiagnostics.ConfigurationInvalid, error.Code);
    }

    [TestMethod]
    [DataRow("Acme.*", "Acme.Widget", true)]
    [DataRow("Acme.*", "acme.widget", true)]
    [DataRow("Acme.*", "AcmeX", false)]
    [DataRow("Acme.W?dget", "Acme.Widget", true)]
    [DataRow("*", "Anything", true)]
    [DataRow("Acme.Widget", "Acme.Widget.Extra", false)]
    public async Task RuleFor_Glob_MatchesIdCaseInsensitively(string glob, string id, bool matches)
    {
        await using var scenario = new AdmissionScenario();
        scenario.Options.Policies[0].Packages = glob;

        var settings = GateSettings.From(scenario.Options, scenario.Temp.Path);

        Assert.AreEqual(matches, settings.RuleFor(id) is not null);
    }

    [TestMethod]
    public async Task RuleFor_SeveralRules_FirstMatchWins()
    {
        await using var scenario = new AdmissionScenario();
        var first = scenario.Options.Policies[0];
        scenario.Options.Policies.Insert(0, new PolicyRuleOptions { Packages = "Acme.Special", Policy = first.Policy, PublicKeys = first.PublicKeys });

        var settings = GateSettings.From(scenario.Options, scenario.Temp.Path);

        Assert.AreEqual("Acme.Special", settings.RuleFor("Acme.Special")!.Glob);
        Assert.AreEqual("Acme.*", settings.RuleFor("Acme.Other")!.Glob);
    }

    [TestMethod]
    public void ToReasonPhrase_ControlAndNonAsciiAndLength_OneAsciiLineCut()
    {
        var phrase = GateResponse.ToReasonPhrase("line1\r\nline2 é " + new string('x', 1000));

        Assert.DoesNotContain("\n", phrase);
        Assert.DoesNotContain("\r", phrase);
        Assert.IsTrue(phrase.All(c => c is >= ' ' and <= '~'));
        Assert.IsLessThanOrEqualTo(400, phrase.Length);
        StringAssert.StartsWith(phrase, "line1  line2 ? x");
        StringAssert.EndsWith(phrase, "...");
    }
}

using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.Gate.Server.Tests.Infrastructure;
using Cilock.Operations.Publishing;
using Cilock.TestUtilities;

namespace Cilock.Gate.Server.Tests.Admission;

/// <summary>
/// <c>cilock push --evidence-only</c> (the real operation) against the gate on loopback with an empty evidence store,
/// followed by the real <c>dotnet nuget push</c>.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class EvidenceOnlyPushTests
{
    [TestMethod]
    public async Task EvidenceOnly_UploadThenPlainPush_AdmittedAndWithoutUploadRefused()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        File.WriteAllText(package + ".intoto.jsonl", scenario.EvidenceLine(package));
        var withoutUpload = scenario.CreatePackage(version: "2.0.0");
        File.WriteAllText(withoutUpload + ".intoto.jsonl", scenario.EvidenceLine(withoutUpload));

        // The service index form is stripped to the gate's base.
        var uploaded = await Upload(scenario, package, scenario.IndexUrl, scenario.PusherKey);
        var admitted = Push(scenario, package);
        var refused = Push(scenario, withoutUpload);

        Assert.AreEqual(0, uploaded.ExitCode, Render(uploaded));
        Assert.AreEqual(scenario.BaseUrl + "/evidence", uploaded.Feed);
        Assert.IsEmpty(Directory.GetFiles(scenario.EvidenceStore));
        Assert.HasCount(1, Directory.GetFiles(scenario.Options.UploadStore!, "*.intoto.jsonl"));
        Assert.AreEqual(0, admitted.ExitCode, admitted.Output);
        CollectionAssert.AreEqual(File.ReadAllBytes(package), File.ReadAllBytes(scenario.UpstreamPackages().Single()));
        Assert.AreNotEqual(0, refused.ExitCode, refused.Output);
        StringAssert.Contains(refused.Output, "403");
        Assert.HasCount(1, scenario.UpstreamPackages());
        foreach (var output in new[] { Render(uploaded), admitted.Output, refused.Output, File.ReadAllText(scenario.Options.AuditLog) })
        {
            Assert.DoesNotContain(scenario.PusherKey, output);
        }
    }

    [TestMethod]
    public async Task EvidenceOnly_WrongKey_UnauthorizedNothingStoredKeyNotShown()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        File.WriteAllText(package + ".intoto.jsonl", scenario.EvidenceLine(package));
        const string planted = "planted-wrong-key-5f1c9a";

        var result = await Upload(scenario, package, scenario.BaseUrl + "/", planted);

        Assert.AreEqual(2, result.ExitCode);
        Assert.AreEqual(GateDiagnostics.Unauthorized, result.Diagnostics.Single().Code, Render(result));
        Assert.IsEmpty(Directory.GetFiles(scenario.Options.UploadStore!));
        Assert.DoesNotContain(planted, Render(result));
        Assert.DoesNotContain(planted, File.ReadAllText(scenario.Options.AuditLog));
    }

    [TestMethod]
    public async Task EvidenceOnly_HttpWithoutFlagOrGateDown_CodedErrorsNothingSent()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        File.WriteAllText(package + ".intoto.jsonl", scenario.EvidenceLine(package));

        var insecure = await Upload(scenario, package, scenario.BaseUrl, scenario.PusherKey, allowInsecure: false);
        var down = await Upload(scenario, package, $"http://127.0.0.1:{AdmissionScenario.ClosedPort()}/", scenario.PusherKey);
        var noEvidence = await Upload(scenario, scenario.CreatePackage(version: "3.0.0"), scenario.BaseUrl, scenario.PusherKey);

        Assert.AreEqual(GateDiagnostics.InsecureSource, insecure.Diagnostics.Single().Code, Render(insecure));
        Assert.AreEqual(GateDiagnostics.Unreachable, down.Diagnostics.Single().Code, Render(down));
        Assert.AreEqual(GateDiagnostics.EvidenceMissing, noEvidence.Diagnostics.Single().Code, Render(noEvidence));
        Assert.IsTrue(new[] { insecure, down, noEvidence }.All(r => r.ExitCode == 2));
        Assert.IsEmpty(Directory.GetFiles(scenario.Options.UploadStore!));
        Assert.IsEmpty(scenario.AuditLines);
    }

    [TestMethod]
    [DataRow("not json at all", GateDiagnostics.EvidenceRejected)]
    public async Task EvidenceOnly_GateRejectsBody_CodedError(string body, string code)
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        var evidence = scenario.Temp.Combine("bad.intoto.jsonl");
        File.WriteAllText(evidence, body);

        var result = await Upload(scenario, package, scenario.BaseUrl, scenario.PusherKey, attestations: [evidence]);

        Assert.AreEqual(2, result.ExitCode);
        Assert.AreEqual(code, result.Diagnostics.Single().Code, Render(result));
        Assert.IsEmpty(Directory.GetFiles(scenario.Options.UploadStore!));
    }

    private static Task<PublishResult> Upload(AdmissionScenario scenario, string package, string gate, string key, bool allowInsecure = true, string[]? attestations = null) =>
        EvidenceUploadOperation.ExecuteAsync(new EvidenceUploadOptions(package, gate)
        {
            Attestations = attestations ?? [],
            ApiKeyEnvironmentVariable = "CILOCK_TEST_GATE_KEY",
            GetEnvironmentVariable = name => name == "CILOCK_TEST_GATE_KEY" ? key : null,
            AllowInsecureConnections = allowInsecure,
            TimeoutSeconds = 30,
            ConfigurationRoot = scenario.Temp.Path,
        });

    private static string Render(PublishResult result) => string.Join("\n", result.Diagnostics.Select(d => d.ToCanonicalString()));

    private static ProcessResult Push(AdmissionScenario scenario, string package) => DotnetNuGetPushTests.Push(scenario, package, scenario.PusherKey);
}

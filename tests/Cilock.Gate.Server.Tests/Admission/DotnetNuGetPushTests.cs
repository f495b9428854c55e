using Cilock.Gate.Server.Diagnostics;
using Cilock.Gate.Server.Tests.Infrastructure;
using Cilock.TestUtilities;

namespace Cilock.Gate.Server.Tests.Admission;

/// <summary>The real <c>dotnet nuget push</c> against the gate on loopback: admitted, and refusals it prints.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class DotnetNuGetPushTests
{
    [TestMethod]
    public async Task DotnetNuGetPush_GenuineAdmittedTamperedAndUnknownKeyRefusedWithReasons()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);
        var tampered = scenario.CreatePackage(version: "2.0.0");
        scenario.WriteEvidence(tampered);
        File.AppendAllText(tampered, "tampered");

        var admitted = Push(scenario, package, scenario.PusherKey);
        var refused = Push(scenario, tampered, scenario.PusherKey);
        var unknown = Push(scenario, package, "not-the-key");

        Assert.AreEqual(0, admitted.ExitCode, admitted.Output);
        CollectionAssert.AreEqual(File.ReadAllBytes(package), File.ReadAllBytes(scenario.UpstreamPackages().Single()));
        Assert.AreNotEqual(0, refused.ExitCode, refused.Output);
        StringAssert.Contains(refused.Output, "403");
        StringAssert.Contains(refused.Output, AdmissionDiagnostics.NoEvidence);
        Assert.AreNotEqual(0, unknown.ExitCode, unknown.Output);
        StringAssert.Contains(unknown.Output, AdmissionDiagnostics.UnknownPusher);
        Assert.HasCount(1, scenario.UpstreamPackages());
        Assert.HasCount(3, scenario.AuditLines);
        foreach (var output in new[] { admitted.Output, refused.Output, unknown.Output, File.ReadAllText(scenario.Options.AuditLog) })
        {
            Assert.DoesNotContain(scenario.PusherKey, output);
        }
    }

    [TestMethod]
    public async Task DotnetNuGetPush_PolicyDenied_PrintsStepReason()
    {
        await using var scenario = await new AdmissionScenario(requiredType: "https://witness.dev/attestations/git/v0.1").StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);

        var result = Push(scenario, package, scenario.PusherKey);

        Assert.AreNotEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, AdmissionDiagnostics.Denied);
        StringAssert.Contains(result.Output, "pack");
        Assert.IsEmpty(scenario.UpstreamPackages());
    }

    internal static ProcessResult Push(AdmissionScenario scenario, string package, string key)
    {
        // The key travels in NUGET_API_KEY, not on the command line (process listings would show it).
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_API_KEY"] = key,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        return ProcessRunner.Run(
            "dotnet",
            ["nuget", "push", package, "--source", scenario.IndexUrl, "--allow-insecure-connections", "--force-english-output", "--timeout", "120"],
            workingDirectory: scenario.Temp.Path,
            environment: environment,
            timeout: TimeSpan.FromMinutes(3));
    }
}

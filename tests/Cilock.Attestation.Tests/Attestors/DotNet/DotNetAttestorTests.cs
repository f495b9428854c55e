using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.DotNet;
using Cilock.Attestation.Context;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.DotNet;

[TestClass]
public sealed class DotNetAttestorTests
{
    [TestMethod]
    public async Task AttestAsync_WithAssets_RecordsToolchainAndEveryPackageWithSha512Field()
    {
        using var dir = new TempDirectory();
        var assets = ProjectAssetsReader.Read(dir.WriteFile("obj/project.assets.json", ProjectAssetsReaderTests.ValidAssets));
        var attestor = new DotNetAttestor(new DotNetAttestorOptions
        {
            Assets = assets,
            SdkVersion = "10.0.401",
            MSBuildVersion = "18.9.11",
            TargetFramework = "net10.0",
        });
        var context = new AttestationContext(new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "build", Environment = new Dictionary<string, string>() }, [attestor]);

        var run = await context.RunAsync();

        Assert.IsTrue(run.Succeeded);
        var json = attestor.ToJson(Dialect.Cilock)!;
        Assert.AreEqual("10.0.401", json["sdkVersion"]!.GetValue<string>());
        Assert.AreEqual("18.9.11", json["msbuildVersion"]!.GetValue<string>());
        Assert.AreEqual("obj/project.assets.json", json["assetsFile"]!["path"]!.GetValue<string>());
        Assert.AreEqual(assets.Sha256, json["assetsFile"]!["digest"]!["sha256"]!.GetValue<string>());
        var packages = json["packages"]!.AsArray();
        Assert.HasCount(3, packages);
        Assert.AreEqual("Zeta.Lib", packages[2]!["id"]!.GetValue<string>());
        Assert.AreEqual("WmV0YQ==", packages[2]!["sha512"]!.GetValue<string>());
        Assert.AreEqual("[1.0.0, )", packages[2]!["dependencies"]!["Alpha.Core"]!.GetValue<string>());
        Assert.AreEqual(DotNetAttestor.Type, attestor.PredicateType(Dialect.Cilock));
    }

    [TestMethod]
    public async Task ToJson_WitnessDialect_ReturnsNullSoTheEntryIsDropped()
    {
        using var dir = new TempDirectory();
        var attestor = new DotNetAttestor(new DotNetAttestorOptions { SdkVersion = "10.0.401" });
        var context = new AttestationContext(new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "build", Environment = new Dictionary<string, string>() }, [attestor]);
        await context.RunAsync();

        Assert.IsNull(attestor.ToJson(Dialect.Witness), "Witness rejects a whole envelope with an unknown attestation type");
        Assert.IsNotNull(attestor.ToJson(Dialect.Cilock));
    }
}

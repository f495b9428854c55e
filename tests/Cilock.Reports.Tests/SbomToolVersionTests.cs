using Cilock.Reports.Sbom;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class SbomToolVersionTests
{
    [TestMethod]
    public void FromPackage_TaskAssemblyInExtractedPackage_ReadsTheNuspecVersion()
    {
        using var directory = new TempDirectory("cilock-toolversion");
        directory.WriteFile("cilock.sdk/0.1.0-it.5/cilock.sdk.nuspec", Nuspec("Cilock.Sdk", "0.1.0-it.5"));
        var dll = directory.WriteFile("cilock.sdk/0.1.0-it.5/tasks/net10.0/Cilock.Sdk.dll", "x");
        Assert.AreEqual("0.1.0-it.5", SbomToolVersion.FromPackage(dll, "Cilock.Sdk"));
    }

    [TestMethod]
    [DataRow("Other.Package", "1.0.0", DisplayName = "another package's nuspec")]
    [DataRow("Cilock.Sdk", "", DisplayName = "no version")]
    public void FromPackage_NuspecNotOurs_IsIgnored(string id, string version)
    {
        using var directory = new TempDirectory("cilock-toolversion");
        directory.WriteFile("pkg/cilock.sdk.nuspec", Nuspec(id, version));
        var dll = directory.WriteFile("pkg/tasks/net10.0/Cilock.Sdk.dll", "x");
        Assert.IsNull(SbomToolVersion.FromPackage(dll, "Cilock.Sdk"));
    }

    [TestMethod]
    public void FromPackage_CorruptOrMissingNuspec_IsNull()
    {
        using var directory = new TempDirectory("cilock-toolversion");
        var dll = directory.WriteFile("pkg/tasks/net10.0/Cilock.Sdk.dll", "x");
        Assert.IsNull(SbomToolVersion.FromPackage(dll, "Cilock.Sdk"));
        directory.WriteFile("pkg/cilock.sdk.nuspec", "<package><metadata>");
        Assert.IsNull(SbomToolVersion.FromPackage(dll, "Cilock.Sdk"));
    }

    [TestMethod]
    public void Of_OutsideAPackage_FallsBackToInformationalVersionWithoutCommit()
    {
        var version = SbomToolVersion.Of(typeof(SbomToolVersion).Assembly, "Cilock.Sdk");
        Assert.IsFalse(string.IsNullOrEmpty(version));
        Assert.DoesNotContain("+", version);
    }

    private static string Nuspec(string id, string version) =>
        $"""<?xml version="1.0" encoding="utf-8"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>{id}</id><version>{version}</version></metadata></package>""";
}

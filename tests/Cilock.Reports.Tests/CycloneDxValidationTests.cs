using Cilock.Reports.Sbom;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

[TestClass]
public sealed class CycloneDxValidationTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void Generate_FullFixture_PassesCycloneDx16Validator()
    {
        using var fixture = new SbomFixture();
        var dll = fixture.Directory.WriteFile("bin/App.dll", "assembly");
        var nupkg = fixture.Directory.WriteFile("out/App.1.0.0.nupkg", "package");
        var result = SbomGeneratorTests.Generate(fixture, SbomFormats.CycloneDx, [new SbomProductFile("lib/net10.0/App.dll", dll)], nupkg);
        var path = SbomGenerator.Write(result, fixture.Directory.Combine("out"), "App.1.0.0").Single();

        var (exit, output) = SbomValidation.CycloneDx16(path);
        Assert.AreEqual(0, exit, output);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Validator_BrokenDocument_IsRejected()
    {
        // Proves the validator call can fail: a scope outside the CycloneDX enum must not pass.
        using var fixture = new SbomFixture();
        var result = SbomGeneratorTests.Generate(fixture, SbomFormats.CycloneDx);
        var path = SbomGenerator.Write(result, fixture.Directory.Combine("out"), "App.1.0.0").Single();
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"scope\":\"excluded\"", "\"scope\":\"dev\"", StringComparison.Ordinal));

        var (exit, output) = SbomValidation.CycloneDx16(path);
        Assert.AreEqual(1, exit, output);
    }
}

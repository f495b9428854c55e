using System.Text.Json.Nodes;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>Expected failures end in one coded diagnostic, never a stack trace; CilockFailOnError=false turns them into warnings.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class FailureTests
{
    private static string _root = "";

    [ClassInitialize]
    public static void CreateProject(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("failures");
        // A package reference so the assets file has a package entry to corrupt; the version is one the repository's
        // own tests restore, so it is already in the machine's package cache.
        ConsumptionFormTests.WriteLibrary(_root, "Lib", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"Cilock.Sdk\" />",
            "<ItemGroup><PackageReference Include=\"MSTest.TestFramework\" Version=\"4.5.2\" /></ItemGroup>");
        PackedSdk.DotnetOk(_root, "restore", "Lib/Lib.csproj");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "fail on error")]
    [DataRow(false, DisplayName = "warn only")]
    public void Build_UnreadableSigningKey_CodedDiagnosticWithoutStackTrace(bool failOnError)
    {
        var missing = Path.Combine(_root, "no-such.key");
        var result = PackedSdk.Dotnet(_root, null, "build", "Lib/Lib.csproj", "--no-restore", $"-p:CilockSigningKey={missing}",
            $"-p:CilockFailOnError={failOnError}", "-p:CilockEvidenceDir=obj/cilock-key-" + failOnError + "/");
        AssertCoded(result, "CIL2001", failOnError);
    }

    [TestMethod]
    [DataRow(true, DisplayName = "fail on error")]
    [DataRow(false, DisplayName = "warn only")]
    public void Build_CorruptAssetsFile_CodedDiagnosticWithoutStackTrace(bool failOnError)
    {
        var assetsPath = Path.Combine(_root, "Lib", "obj", "project.assets.json");
        var original = File.ReadAllText(assetsPath);
        try
        {
            // Still a lock file NuGet's own reader accepts, but a package without its SHA-512 cannot be attested.
            var assets = JsonNode.Parse(original)!;
            var library = assets["libraries"]!.AsObject().First(l => l.Value!["type"]!.GetValue<string>() == "package");
            library.Value!.AsObject().Remove("sha512");
            File.WriteAllText(assetsPath, assets.ToJsonString());
            var result = PackedSdk.Dotnet(_root, null, "build", "Lib/Lib.csproj", "--no-restore",
                $"-p:CilockFailOnError={failOnError}", "-p:CilockEvidenceDir=obj/cilock-assets-" + failOnError + "/");
            AssertCoded(result, "CIL2003", failOnError);
        }
        finally
        {
            File.WriteAllText(assetsPath, original);
        }
    }

    private static void AssertCoded(Cilock.TestUtilities.ProcessResult result, string code, bool failOnError)
    {
        if (failOnError)
        {
            Assert.AreNotEqual(0, result.ExitCode, result.Output);
            Assert.Contains($"error {code}:", result.Output);
        }
        else
        {
            Assert.AreEqual(0, result.ExitCode, result.Output);
            Assert.Contains($"warning {code}:", result.Output);
        }

        Assert.DoesNotContain("   at ", result.Output, "no stack trace");
        Assert.DoesNotContain("CIL2099", result.Output, "an expected failure is not an internal error");
    }
}

using System.IO.Compression;
using System.Text.Json;
using Cilock.TestUtilities;

namespace Cilock.Secrets.Tests.Cli;

/// <summary>
/// Runs the built <c>cilock secrets scan</c> as a process: exit codes, formats, no raw secret in output. The CLI is
/// not a project reference (its other commands belong to other areas); build/test.sh builds the solution first, and
/// the tests are inconclusive when cilock.dll is missing.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SecretsScanCommandTests
{
    [TestMethod]
    public void Scan_CleanFolder_Exit0()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "a.txt"), "nothing to see\n");
        var result = Cilock("secrets", "scan", dir.Path);
        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardOutput, "no secrets found");
    }

    [TestMethod]
    public void Scan_SecretsInFileAndPackage_Exit1JsonWithPaths()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "settings.yml");
        File.WriteAllText(file, "name: x\ntoken: " + TestSecrets.GitHubPat + "\n");
        var package = Path.Combine(dir.Path, "Demo.1.0.0.nupkg");
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("content/app.env").Open());
            writer.Write("STRIPE=" + TestSecrets.StripeKey + "\n");
        }

        var result = Cilock("secrets", "scan", "--format", "json", file, package);
        Assert.AreEqual(1, result.ExitCode, result.Output);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var locations = json.RootElement.EnumerateArray().Select(f => f.GetProperty("location").GetString()!).ToList();
        Assert.IsTrue(locations.Any(l => l.Contains(file, StringComparison.Ordinal)));
        Assert.IsTrue(locations.Any(l => l.Contains(package + "!/content/app.env", StringComparison.Ordinal)));
        Assert.DoesNotContain(TestSecrets.GitHubPat, result.Output);
        Assert.DoesNotContain(TestSecrets.StripeKey, result.Output);
    }

    [TestMethod]
    public void Scan_SarifToFile_PassesValidator()
    {
        using var dir = new TempDirectory();
        var src = Path.Combine(dir.Path, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "Program.cs"), "var key = \"" + TestSecrets.NuGetKey + "\";\n");
        var sarif = Path.Combine(dir.Path, "out.sarif");
        var result = Cilock("secrets", "scan", "--format", "sarif", "--output", sarif, src);
        Assert.AreEqual(1, result.ExitCode, result.Output);
        var (exit, output) = Validators.Run("validate-sarif.sh", sarif);
        Assert.AreEqual(0, exit, output);
        Assert.DoesNotContain(TestSecrets.NuGetKey, File.ReadAllText(sarif));
    }

    [TestMethod]
    public void Scan_MissingPathOrBadRules_Exit2WithCode()
    {
        var missing = Cilock("secrets", "scan", "/nonexistent/path/x");
        Assert.AreEqual(2, missing.ExitCode, missing.Output);
        StringAssert.Contains(missing.StandardError, "CIL4003");

        using var dir = new TempDirectory();
        var rules = Path.Combine(dir.Path, "rules.json");
        File.WriteAllText(rules, """{"rules":[{"id":"x","regex":"(","keywords":["x"]}]}""");
        var bad = Cilock("secrets", "scan", "--rules", rules, dir.Path);
        Assert.AreEqual(2, bad.ExitCode, bad.Output);
        StringAssert.Contains(bad.StandardError, "CIL4002");
    }

    private static ProcessResult Cilock(params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Cli", "bin", configuration, "net10.0", "cilock.dll");
        if (!File.Exists(dll))
        {
            Assert.Inconclusive($"{dll} was not built");
        }

        return ProcessRunner.Run("dotnet", [dll, .. args], timeout: TimeSpan.FromMinutes(3));
    }
}

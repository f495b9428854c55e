using System.Text;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// The pack step scans the produced .nupkg (entry by entry) for secrets: the finding is in the signed pack evidence
/// (location names the nupkg entry, the secret only as a digest), the build warns or fails with CIL4001 after the
/// evidence and the sidecar are written, and the raw secret appears nowhere but in the planted source file.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SecretScanPackTests
{
    // Built at run time so no secret-shaped literal sits in the repository.
    private static readonly string PlantedToken = "ghp_" + "Zt4mQ8rW2xK6vB1nY7pL3sD9fH5jA0cE" + "u2Rk";

    private static string _root = "";

    [ClassInitialize]
    public static void CreateProject(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("secretscan");
        ConsumptionFormTests.WriteLibrary(_root, "Leaky", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"Cilock.Sdk\" />",
            "<ItemGroup><None Include=\"appsettings.json\" Pack=\"true\" PackagePath=\"content/\" /></ItemGroup>");
        File.WriteAllText(Path.Combine(_root, "Leaky", "appsettings.json"), $"{{\n  \"Name\": \"leaky\",\n  \"GitHubToken\": \"{PlantedToken}\"\n}}\n");
        PackedSdk.DotnetOk(_root, "restore", "Leaky/Leaky.csproj");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "warn (explicit CilockSecretScanFailOnDetection=false)")]
    [DataRow(true, DisplayName = "fail (default under CI=true)")]
    public void Pack_SecretInPackedContent_RecordedRedactedAndReportedAfterSidecar(bool failOnDetection)
    {
        var name = failOnDetection ? "fail" : "warn";
        var environment = new Dictionary<string, string?> { ["CI"] = failOnDetection ? "true" : null };
        string[] properties = failOnDetection ? [] : ["-p:CilockSecretScanFailOnDetection=false"];
        var result = PackedSdk.Dotnet(_root, environment,
            ["pack", "Leaky/Leaky.csproj", "--no-restore", "-o", $"out-{name}", $"-p:CilockEvidenceDir=obj/cilock-{name}/", .. properties]);
        var log = result.StandardOutput + result.StandardError;

        if (failOnDetection)
        {
            Assert.AreNotEqual(0, result.ExitCode, log);
            Assert.Contains("error CIL4001:", log);
        }
        else
        {
            Assert.AreEqual(0, result.ExitCode, log);
            Assert.Contains("warning CIL4001:", log);
        }

        Assert.Contains("'github-pat'", log);
        Assert.Contains("out-" + name + "/Leaky.1.0.0.nupkg!/content/appsettings.json", log);
        Assert.DoesNotContain("   at ", log, "no stack trace");

        // The evidence and the sidecar exist even when the build failed: findings are reported after both.
        var nupkg = Path.Combine(_root, $"out-{name}", "Leaky.1.0.0.nupkg");
        var sidecar = nupkg + ".intoto.jsonl";
        Assert.IsTrue(File.Exists(sidecar), "the sidecar is written before the build fails");
        var pack = Evidence.Load(Path.Combine(_root, "Leaky", "obj", $"cilock-{name}", "pack.intoto.json"));
        pack.AssertSignedBy(PackedSdk.PublicKeyPath);
        Assert.IsTrue(Evidence.LoadLines(sidecar).Any(e => e.StepName == "pack"), "the pack envelope is in the sidecar");

        var finding = pack.Attestation("/secretscan/").GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("ruleId").GetString() == "github-pat");
        Assert.AreEqual($"product:out-{name}/Leaky.1.0.0.nupkg!/content/appsettings.json", finding.GetProperty("location").GetString());
        Assert.AreEqual(3, finding.GetProperty("startLine").GetInt32());
        var secret = finding.GetProperty("secret");
        Assert.AreEqual(1, secret.EnumerateObject().Count(), "the secret is recorded as its digest only");
        Assert.AreEqual(Sha256(PlantedToken), secret.GetProperty("sha256").GetString());
        Assert.AreEqual(PlantedToken[..8] + "...", finding.GetProperty("match").GetString());

        // The raw secret is nowhere but in the planted source: not in any evidence, package, log or the feed.
        var holders = new[] { _root, PackedSdk.Feed }
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Contains(f, PlantedToken))
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
            .ToArray();
        CollectionAssert.AreEqual(new[] { "Leaky/appsettings.json" }, holders);
        Assert.DoesNotContain(PlantedToken, log);
    }

    [TestMethod]
    public void Pack_SecretScanOff_NoSecretScanAttestation()
    {
        var result = PackedSdk.Dotnet(_root, new Dictionary<string, string?> { ["CI"] = "true" },
            "pack", "Leaky/Leaky.csproj", "--no-restore", "-o", "out-off", "-p:CilockEvidenceDir=obj/cilock-off/", "-p:CilockSecretScan=false");

        Assert.AreEqual(0, result.ExitCode, result.StandardOutput + result.StandardError);
        var pack = Evidence.Load(Path.Combine(_root, "Leaky", "obj", "cilock-off", "pack.intoto.json"));
        var types = pack.Statement.GetProperty("predicate").GetProperty("attestations").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!).ToList();
        Assert.IsFalse(types.Any(t => t.Contains("/secretscan/", StringComparison.Ordinal)), string.Join(", ", types));
    }

    private static bool Contains(string file, string value)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
    }

    private static string Sha256(string value) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

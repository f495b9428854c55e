using System.Text.Json;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// The compiler's SARIF log as build evidence: a multi-targeted library with a compiler warning is built once; the
/// per-TFM logs are normalised, attested by each build step, and merged into one log with a run per TFM.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SarifEvidenceTests
{
    private static string _root = "";

    private static string EvidenceDir => Path.Combine(_root, "Multi", "obj", "cilock");

    private static string Merged => Path.Combine(EvidenceDir, "Multi.sarif");

    [ClassInitialize]
    public static void BuildMultiTargetLibrary(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("sarif");
        Directory.CreateDirectory(Path.Combine(_root, "Multi"));
        File.WriteAllText(Path.Combine(_root, "Multi", "Multi.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="Cilock.Sdk" />
              <PropertyGroup>
                <TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>
              </PropertyGroup>
            </Project>
            """);
        // CS0169 (a field never used) gives every TFM a result with a source location.
        File.WriteAllText(Path.Combine(_root, "Multi", "Widget.cs"), "namespace Multi\n{\n    public class Widget\n    {\n        private int _unused;\n    }\n}\n");
        PackedSdk.DotnetOk(_root, "build", "Multi/Multi.csproj", "-c", "Release");
    }

    [TestMethod]
    public void Build_MultiTarget_MergedLogHasOneRunPerTfmAndPassesValidateSarif()
    {
        using var log = JsonDocument.Parse(File.ReadAllBytes(Merged));
        var runs = log.RootElement.GetProperty("runs").EnumerateArray().ToList();

        CollectionAssert.AreEqual(
            new[] { "Multi/net10.0/", "Multi/netstandard2.0/" },
            runs.Select(r => r.GetProperty("automationDetails").GetProperty("id").GetString()).ToArray());
        foreach (var run in runs)
        {
            var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "CS0169");
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.AreEqual("Multi/Widget.cs", location.GetProperty("uri").GetString());
            Assert.AreEqual("%SRCROOT%", location.GetProperty("uriBaseId").GetString());
        }

        var (exit, output) = Validators.Run("validate-sarif.sh", Merged);
        Assert.AreEqual(0, exit, output);
    }

    [TestMethod]
    public void Build_SarifFilesAndEvidence_ContainNoMachinePath()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var files = Directory.GetFiles(EvidenceDir, "*.sarif", SearchOption.AllDirectories).ToList();
        Assert.HasCount(3, files, string.Join(", ", files));
        var attested = Directory.GetFiles(EvidenceDir, "build.*.intoto.json").Select(f => Evidence.Load(f).Attestation("/sarif/").GetRawText());

        foreach (var text in files.Select(File.ReadAllText).Concat(attested))
        {
            Assert.DoesNotContain(_root, text);
            Assert.DoesNotContain(PackedSdk.Root, text);
            Assert.DoesNotContain(home + "/", text);
            Assert.DoesNotContain("file:///", text);
        }
    }

    [TestMethod]
    [DataRow("net10.0")]
    [DataRow("netstandard2.0")]
    public void Build_EachTfm_BuildStepAttestsItsNormalisedLogAsSarifAndProduct(string tfm)
    {
        var build = Evidence.Load(Path.Combine(EvidenceDir, $"build.Release.{tfm}.intoto.json"));
        var sarif = build.Attestation("https://aflock.ai/attestations/sarif/v0.1");
        var file = $"Multi/obj/cilock/sarif/Release.{tfm}.sarif";

        Assert.AreEqual(file, sarif.GetProperty("reportFileName").GetString());
        Assert.AreEqual(Evidence.Sha256(Path.Combine(_root, file)), sarif.GetProperty("reportDigestSet").GetProperty("sha256").GetString());
        Assert.AreEqual(Evidence.Sha256(Path.Combine(_root, file)), build.Leaves("product")[file], "the log is also a product of the step");
        var run = sarif.GetProperty("report").GetProperty("runs").EnumerateArray().Single();
        Assert.AreEqual($"Multi/{tfm}/", run.GetProperty("automationDetails").GetProperty("id").GetString());
        Assert.IsTrue(run.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("ruleId").GetString() == "CS0169"));
        build.AssertSignedBy(PackedSdk.PublicKeyPath);
    }

    [TestMethod]
    public void Build_UserErrorLogSarif1_ConvertedTo21AndAttested()
    {
        // An ErrorLog without ",version=2.1": csc writes SARIF 1.0.0, which is converted, normalised and attested.
        var result = PackedSdk.Dotnet(_root, null, "build", "Multi/Multi.csproj", "-c", "Release", "-f", "net10.0",
            "-p:ErrorLog=obj/user.sarif", "-p:CilockEvidenceDir=obj/cilock-v1/");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        Assert.DoesNotContain("CIL2131", result.Output);
        Assert.Contains("\"version\": \"1.0.0\"", File.ReadAllText(Path.Combine(_root, "Multi", "obj", "user.sarif")), "the compiler wrote SARIF 1.0.0");
        var build = Evidence.Load(Path.Combine(_root, "Multi", "obj", "cilock-v1", "build.Release.net10.0.intoto.json"));
        var report = build.Attestation("https://aflock.ai/attestations/sarif/v0.1").GetProperty("report");
        Assert.AreEqual("2.1.0", report.GetProperty("version").GetString());
        var warning = report.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "CS0169");
        Assert.AreEqual("Multi/Widget.cs", warning.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.DoesNotContain(_root, report.GetRawText());
        var (exit, output) = Validators.Run("validate-sarif.sh", Path.Combine(_root, "Multi", "obj", "cilock-v1", "sarif", "Release.net10.0.sarif"));
        Assert.AreEqual(0, exit, output);
    }
}

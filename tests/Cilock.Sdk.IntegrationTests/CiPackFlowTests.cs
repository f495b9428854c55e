using System.Security.Cryptography;
using System.Text;
using Cilock.Operations.Tests.Archivista;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// HelloLib packed "inside GitHub Actions" (recorded variables, no OIDC permission) with CilockArchivistaUrl pointing
/// at a loopback Archivista: the github attestor joins the steps, every step is uploaded, report.html and the job
/// summary are written after pack; an unreachable Archivista is a CIL1714 warning with CilockFailOnError=false.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class CiPackFlowTests
{
    private static ArchivistaLoopbackServer? _server;
    private static string _root = "";
    private static string _packages = "";
    private static string _summary = "";
    private static string _packOutput = "";

    private static string Nupkg => Path.Combine(_packages, "HelloLib.1.0.0.nupkg");

    [ClassInitialize]
    public static void PackInGitHubActions(TestContext context)
    {
        _ = context;
        _server = new ArchivistaLoopbackServer();
        _root = PackedSdk.CreateWorkspace("ci-hellolib", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        _packages = Path.Combine(_root, "packages");
        _summary = Path.Combine(_root, "step-summary.md");
        var result = PackedSdk.Dotnet(_root, GitHubEnvironment(_summary), "pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", _packages, $"-p:CilockArchivistaUrl={_server.BaseUrl}",
            "-p:CilockSecretScanFailOnDetection=false");
        _packOutput = result.Output;
        Assert.AreEqual(0, result.ExitCode, result.Output);
    }

    [ClassCleanup]
    public static void StopServer() => _server?.Dispose();

    [TestMethod]
    public void Pack_Evidence_HasGitHubAttestationWithRunIdentity()
    {
        var pack = Evidence.LoadLines(Nupkg + ".intoto.jsonl").Single(e => e.StepName == "pack");
        var github = pack.Attestation("/github/");

        Assert.AreEqual("https://github.com/octo-org/hello-lib/actions/runs/9876543210", github.GetProperty("pipelineurl").GetString());
        Assert.AreEqual("octocat", github.GetProperty("actor").GetString());
        Assert.IsFalse(github.TryGetProperty("jwt", out _), "no token without id-token permission");
    }

    [TestMethod]
    public void Pack_EveryStepUploaded_GitoidsOverTheLocalFiles()
    {
        // The step envelopes (build per TFM, pack); exported statements such as the SBOM are not steps.
        var local = Directory.GetFiles(Path.Combine(_root, "src", "HelloLib", "obj", "cilock"), "*.intoto.json", SearchOption.TopDirectoryOnly)
            .Where(f => Path.GetFileName(f).StartsWith("build.", StringComparison.Ordinal) || Path.GetFileName(f) == "pack.intoto.json")
            .ToList();
        Assert.IsGreaterThanOrEqualTo(2, local.Count, string.Join(", ", local));
        foreach (var file in local)
        {
            var bytes = File.ReadAllBytes(file);
            var length = bytes.Length;
            while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r')
            {
                length--;
            }

            Assert.IsTrue(_server!.Gitoids.Contains(Gitoid(bytes.AsSpan(0, length))), $"{Path.GetFileName(file)} was not uploaded\n{_packOutput}");
        }
    }

    [TestMethod]
    public void Pack_ReportBesideSidecar_ShowsPackageDigest()
    {
        var report = Path.Combine(_packages, "HelloLib.1.0.0.report.html");
        Assert.IsTrue(File.Exists(report), string.Join(", ", Directory.GetFiles(_packages)));
        var html = File.ReadAllText(report);

        StringAssert.Contains(html, Evidence.Sha256(Nupkg));
        StringAssert.Contains(html, "https://github.com/octo-org/hello-lib/actions/runs/9876543210");
        StringAssert.Contains(html, "<section class=\"step\"");
    }

    [TestMethod]
    public void Pack_JobSummary_ListsStepsAndPackageDigest()
    {
        var summary = File.ReadAllText(_summary);

        StringAssert.Contains(summary, "### 🔏 cilock evidence: Evidence for HelloLib.1.0.0.nupkg");
        StringAssert.Contains(summary, "| pack | keyid ");
        StringAssert.Contains(summary, Evidence.Sha256(Nupkg));
    }

    [TestMethod]
    public void Pack_ArchivistaDownWithFailOnErrorFalse_Cil1714WarningAndPackageStillPacked()
    {
        var root = PackedSdk.CreateWorkspace("ci-hellolib-down", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        var packages = Path.Combine(root, "packages");

        var result = PackedSdk.Dotnet(root, null, "pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", packages,
            "-p:CilockArchivistaUrl=http://127.0.0.1:9/", "-p:CilockFailOnError=false", "-p:CilockReport=false");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, "warning CIL1714");
        Assert.IsTrue(File.Exists(Path.Combine(packages, "HelloLib.1.0.0.nupkg.intoto.jsonl")));
        Assert.IsFalse(File.Exists(Path.Combine(packages, "HelloLib.1.0.0.report.html")), "CilockReport=false");
    }

    private static Dictionary<string, string?> GitHubEnvironment(string summary) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "octo-org/hello-lib",
        ["GITHUB_RUN_ID"] = "9876543210",
        ["GITHUB_RUN_ATTEMPT"] = "1",
        ["GITHUB_WORKFLOW"] = "ci",
        ["GITHUB_ACTOR"] = "octocat",
        ["GITHUB_REF"] = "refs/heads/main",
        ["GITHUB_EVENT_NAME"] = "push",
        ["RUNNER_NAME"] = "GitHub Actions 1",
        ["RUNNER_OS"] = "Linux",
        ["RUNNER_ARCH"] = "X64",
        ["GITHUB_STEP_SUMMARY"] = summary,
        ["ACTIONS_ID_TOKEN_REQUEST_URL"] = null,
        ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = null,
        ["CILOCK_CI_ANNOTATIONS"] = "0",
    };

    private static string Gitoid(ReadOnlySpan<byte> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes($"blob {content.Length}\0"));
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

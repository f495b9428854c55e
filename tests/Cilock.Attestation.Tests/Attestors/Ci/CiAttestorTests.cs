using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.Ci;

[TestClass]
public sealed class CiAttestorTests
{
    [TestMethod]
    public async Task GitHub_RecordedPushEnvironment_RecordsRunIdentity()
    {
        var (attestor, json, _) = await RunAsync(new GitHubAttestor(NoToken), Recorded("github-push.env"), Dialect.Cilock);

        Assert.IsTrue(attestor.Detected);
        Assert.AreEqual("9876543210", (string?)json!["pipelineid"]);
        Assert.AreEqual("ci", (string?)json["pipelinename"]);
        Assert.AreEqual("https://github.com/octo-org/hello-lib/actions/runs/9876543210", (string?)json["pipelineurl"]);
        Assert.AreEqual("https://github.com/octo-org/hello-lib", (string?)json["projecturl"]);
        Assert.AreEqual("GitHub Actions 1000001234", (string?)json["runnerid"]);
        Assert.AreEqual("X64", (string?)json["runnerarch"]);
        Assert.AreEqual("Linux", (string?)json["runneros"]);
        Assert.AreEqual("2", (string?)json["runattempt"]);
        Assert.AreEqual("refs/heads/main", (string?)json["ref"]);
        Assert.AreEqual("4b825dc642cb6eb9a060e54bf8d69288fbee4904", (string?)json["sha"]);
        Assert.AreEqual("octocat", (string?)json["actor"]);
        Assert.AreEqual("push", (string?)json["eventname"]);
        Assert.IsNull(json["jwt"]);
    }

    [TestMethod]
    public async Task GitHub_WitnessDialect_OnlyWitnessMembersInWitnessOrder()
    {
        var (_, json, statement) = await RunAsync(new GitHubAttestor(NoToken), Recorded("github-push.env"), Dialect.Witness);

        CollectionAssert.AreEqual(
            new[] { "ciconfigpath", "pipelineid", "pipelinename", "pipelineurl", "projecturl", "runnerid", "cihost", "ciserverurl", "runnerarch", "runneros" },
            json!.AsObject().Select(p => p.Key).ToArray());
        var url = "https://github.com/octo-org/hello-lib/actions/runs/9876543210";
        var subject = statement.Subjects.Single(s => s.Name == $"https://witness.dev/attestations/github/v0.1/pipelineurl:{url}");
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url))), subject.Digest["sha256"]);
        Assert.IsTrue(statement.Subjects.Any(s => s.Name == "https://witness.dev/attestations/github/v0.1/projecturl:https://github.com/octo-org/hello-lib"));
    }

    [TestMethod]
    public async Task GitHub_OidcTokenAvailable_RecordsVerifiedClaimsNeverTheToken()
    {
        using var stub = new OidcStub();
        var env = Recorded("github-push.env");
        env[GitHubOidcToken.RequestUrlVariable] = OidcStub.TokenUrl;
        env[GitHubOidcToken.RequestTokenVariable] = "request-credential-123";
        env["WITNESS_GITHUB_JWKS_URL"] = OidcStub.JwksUrl;
        stub.Claims["sub"] = "repo:octo-org/hello-lib:ref:refs/heads/main";

        var (attestor, json, statement) = await RunAsync(new GitHubAttestor(new CiAttestorOptions { HttpHandler = stub }), env, Dialect.Cilock);

        Assert.AreEqual("repo:octo-org/hello-lib:ref:refs/heads/main", (string?)json!["jwt"]!["claims"]!["sub"]);
        Assert.AreEqual(OidcStub.JwksUrl, (string?)json["jwt"]!["verifiedBy"]!["jwksUrl"]);
        Assert.AreEqual("k1", (string?)json["jwt"]!["verifiedBy"]!["jwk"]!["kid"]);
        Assert.AreEqual("octo-org/hello-lib", (string?)attestor.Claims!["repository"]);
        var tokenRequest = stub.Requests[0];
        StringAssert.Contains(tokenRequest.RequestUri!.Query, "audience=witness");
        StringAssert.Contains(tokenRequest.RequestUri!.Query, "api-version=2.0");
        Assert.AreEqual("bearer request-credential-123", tokenRequest.Headers.Authorization!.ToString());
        var serialized = Encoding.UTF8.GetString(statement.ToJsonBytes());
        var tokenPayload = stub.IssueToken().Split('.')[1];
        Assert.IsFalse(serialized.Contains(tokenPayload, StringComparison.Ordinal), "the token text must never be stored");
        Assert.IsFalse(serialized.Contains("request-credential-123", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task GitHub_ForgedToken_WarnsAndRecordsNoClaims()
    {
        using var stub = new OidcStub();
        using var forger = RSA.Create(2048);
        stub.ForgingKey = forger;
        var (attestor, json, diagnostics) = await RunWithDiagnosticsAsync(new GitHubAttestor(new CiAttestorOptions { HttpHandler = stub }), GitHubWithToken(), Dialect.Cilock);

        Assert.IsNull(json!["jwt"]);
        Assert.IsNull(attestor.Claims);
        Assert.IsTrue(diagnostics.Any(d => d.Code == CiDiagnostics.TokenUnverified && d.Severity == DiagnosticSeverity.Warning));
    }

    [TestMethod]
    public async Task GitHub_ExpiredToken_NotVerified()
    {
        using var stub = new OidcStub();
        stub.Claims["exp"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var (_, json, diagnostics) = await RunWithDiagnosticsAsync(new GitHubAttestor(new CiAttestorOptions { HttpHandler = stub }), GitHubWithToken(), Dialect.Cilock);

        Assert.IsNull(json!["jwt"]);
        Assert.IsTrue(diagnostics.Any(d => d.Code == CiDiagnostics.TokenUnverified));
    }

    [TestMethod]
    public async Task GitHub_TokenEndpointRefuses_WarnsAndStillRecordsTheRun()
    {
        using var stub = new OidcStub { TokenStatus = HttpStatusCode.Forbidden };
        var (attestor, json, diagnostics) = await RunWithDiagnosticsAsync(new GitHubAttestor(new CiAttestorOptions { HttpHandler = stub }), GitHubWithToken(), Dialect.Cilock);

        Assert.IsTrue(attestor.Detected);
        Assert.AreEqual("9876543210", (string?)json!["pipelineid"]);
        Assert.IsNull(json["jwt"]);
        var warning = diagnostics.Single(d => d.Code == CiDiagnostics.TokenUnavailable);
        StringAssert.Contains(warning.Message, "403");
    }

    [TestMethod]
    public async Task GitLab_RecordedMergeRequestWithIdToken_RecordsJobAndClaims()
    {
        using var stub = new OidcStub();
        stub.Claims["project_path"] = "octo-group/hello-lib";
        var env = Recorded("gitlab-mr.env");
        env[GitLabAttestor.DefaultTokenVariable] = stub.IssueToken();
        env["WITNESS_GITLAB_JWKS_URL"] = OidcStub.JwksUrl;

        var (_, json, statement) = await RunAsync(new GitLabAttestor(new CiAttestorOptions { HttpHandler = stub }), env, Dialect.Witness);

        Assert.AreEqual("7001234567", (string?)json!["jobid"]);
        Assert.AreEqual("mcr.microsoft.com/dotnet/sdk:10.0", (string?)json["jobimage"]);
        Assert.AreEqual("package", (string?)json["jobstage"]);
        Assert.AreEqual("gitlab.com", (string?)json["cihost"]);
        Assert.AreEqual("octo-group/hello-lib", (string?)json["jwt"]!["claims"]!["project_path"]);
        Assert.IsNull(json["pipelinesource"], "cilock-only members stay out of the witness profile");
        Assert.AreEqual(3, statement.Subjects.Count(s => s.Name.StartsWith("https://witness.dev/attestations/gitlab/v0.1/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task GitLab_NoIdToken_WarnsWithTheVariableToDeclare()
    {
        var (attestor, _, diagnostics) = await RunWithDiagnosticsAsync(new GitLabAttestor(), Recorded("gitlab-mr.env"), Dialect.Cilock);

        Assert.IsTrue(attestor.Detected);
        StringAssert.Contains(diagnostics.Single(d => d.Code == CiDiagnostics.TokenUnavailable).Message, GitLabAttestor.DefaultTokenVariable);
    }

    [TestMethod]
    public async Task AzurePipelines_RecordedCiEnvironment_CilockOnly()
    {
        var env = Recorded("azure-ci.env");
        var (_, json, _) = await RunAsync(new AzurePipelinesAttestor(), env, Dialect.Cilock);
        Assert.AreEqual("https://dev.azure.com/octo-org/Hello%20Lib/_build/results?buildId=4242", (string?)json!["pipelineurl"]);
        Assert.AreEqual("Mona Octocat", (string?)json["requestedfor"]);
        Assert.AreEqual("refs/heads/main", (string?)json["sourcebranch"]);

        using var dir = new TempDirectory();
        var run = await new AttestationContext(Options(dir.Path, env, Dialect.Witness), [new AzurePipelinesAttestor()]).RunAsync();
        var witness = CollectionBuilder.Build(run, Dialect.Witness);
        Assert.IsFalse(Encoding.UTF8.GetString(witness.ToJsonBytes()).Contains("azure-pipelines", StringComparison.Ordinal));
    }

    [TestMethod]
    [DataRow("github-push.env", "github")]
    [DataRow("gitlab-mr.env", "gitlab")]
    [DataRow("azure-ci.env", "azure-pipelines")]
    public void Detect_RecordedEnvironment_FindsItsPlatformOnly(string file, string platform)
    {
        Assert.AreEqual(platform, CiPlatforms.Detect(Recorded(file)));
        Assert.AreEqual(1, CiPlatforms.CreateDetected(Recorded(file)).Count);
    }

    [TestMethod]
    public async Task OutsideCi_NothingRecorded()
    {
        var env = new Dictionary<string, string> { ["CI"] = "true", ["GITHUB_ACTIONS"] = "false" };
        Assert.IsNull(CiPlatforms.Detect(env));
        var (attestor, json, _) = await RunAsync(new GitHubAttestor(NoToken), env, Dialect.Cilock);
        Assert.IsFalse(attestor.Detected);
        Assert.IsNull(json);
    }

    [TestMethod]
    public void CreateForRun_DefaultList_AddsOnlyTheDetectedPlatform()
    {
        using var dir = new TempDirectory();
        var inGitHub = AttestorCatalog.CreateForRun(null, dir.Path, new AttestorOptions { Environment = Recorded("github-push.env") });
        var local = AttestorCatalog.CreateForRun(null, dir.Path, new AttestorOptions { Environment = new Dictionary<string, string>() });

        Assert.AreEqual(1, inGitHub.Count(a => a is GitHubAttestor));
        Assert.IsFalse(inGitHub.Any(a => a is GitLabAttestor or AzurePipelinesAttestor));
        Assert.IsFalse(local.Any(a => a is CiPlatformAttestor));
        Assert.IsInstanceOfType<GitLabAttestor>(AttestorCatalog.Create("gitlab", new AttestorOptions()));
    }

    private static readonly CiAttestorOptions NoToken = new() { RecordTokenClaims = false };

    private static Dictionary<string, string> GitHubWithToken()
    {
        var env = Recorded("github-push.env");
        env[GitHubOidcToken.RequestUrlVariable] = OidcStub.TokenUrl;
        env[GitHubOidcToken.RequestTokenVariable] = "request-credential";
        env["WITNESS_GITHUB_JWKS_URL"] = OidcStub.JwksUrl;
        return env;
    }

    private static Dictionary<string, string> Recorded(string file)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Attestors", "Ci", "Environments", file)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            env[line[..eq]] = line[(eq + 1)..];
        }

        return env;
    }

    private static AttestationContextOptions Options(string dir, IReadOnlyDictionary<string, string> env, Dialect dialect) =>
        new() { WorkingDirectory = dir, StepName = "build", Dialect = dialect, Environment = env };

    private static async Task<(CiPlatformAttestor Attestor, JsonNode? Json, Cilock.Attestation.InToto.Statement Statement)> RunAsync(CiPlatformAttestor attestor, IReadOnlyDictionary<string, string> env, Dialect dialect)
    {
        using var dir = new TempDirectory();
        var run = await new AttestationContext(Options(dir.Path, env, dialect), [attestor]).RunAsync();
        return (attestor, attestor.ToJson(dialect), CollectionBuilder.Build(run, dialect));
    }

    private static async Task<(CiPlatformAttestor Attestor, JsonNode? Json, IReadOnlyList<Diagnostic> Diagnostics)> RunWithDiagnosticsAsync(CiPlatformAttestor attestor, IReadOnlyDictionary<string, string> env, Dialect dialect)
    {
        using var dir = new TempDirectory();
        var run = await new AttestationContext(Options(dir.Path, env, dialect), [attestor]).RunAsync();
        return (attestor, attestor.ToJson(dialect), run.Diagnostics);
    }
}

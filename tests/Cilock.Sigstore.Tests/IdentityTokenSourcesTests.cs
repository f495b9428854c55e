using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Signing;
using Cilock.Sigstore.Tests.Fakes;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class IdentityTokenSourcesTests
{
    private static readonly SigstoreHttpSettings Fast = new() { Timeout = TimeSpan.FromSeconds(5), MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) };

    [TestMethod]
    public void HasAmbientToken_Laptop_False() =>
        Assert.IsFalse(IdentityTokenSources.HasAmbientToken(new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "https://x" }));

    [TestMethod]
    [DataRow("SIGSTORE_ID_TOKEN")]
    [DataRow("github")]
    [DataRow("azure")]
    public void HasAmbientToken_CiVariables_True(string ci)
    {
        var env = ci switch
        {
            "github" => new Dictionary<string, string> { ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "https://t.example/?api-version=2.0", ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "r" },
            "azure" => new Dictionary<string, string> { ["SYSTEM_OIDCREQUESTURI"] = "https://dev.azure.com/o/p/_apis/distributedtask/hubs/build/plans/x/jobs/y/oidctoken", ["SYSTEM_ACCESSTOKEN"] = "a", ["CILOCK_AZURE_SERVICE_CONNECTION_ID"] = "c" },
            _ => new Dictionary<string, string> { ["SIGSTORE_ID_TOKEN"] = "t" },
        };

        Assert.IsTrue(IdentityTokenSources.HasAmbientToken(env));
    }

    [TestMethod]
    public void HasAmbientToken_AzureWithoutServiceConnection_False() =>
        Assert.IsFalse(IdentityTokenSources.HasAmbientToken(new Dictionary<string, string> { ["SYSTEM_OIDCREQUESTURI"] = "https://x", ["SYSTEM_ACCESSTOKEN"] = "a" }));

    [TestMethod]
    public async Task Detect_ExplicitBeforeEnvironment_ExplicitWins()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("token", TestTokens.Create("""{"iss":"https://file","sub":"f"}""") + "\n");
        var env = new Dictionary<string, string> { ["SIGSTORE_ID_TOKEN"] = TestTokens.Create("""{"iss":"https://env","sub":"e"}""") };

        var fromFile = await IdentityTokenSources.Detect(new IdentityTokenOptions { TokenFile = file }, env)!.GetTokenAsync(default);
        var fromEnv = await IdentityTokenSources.Detect(new IdentityTokenOptions(), env)!.GetTokenAsync(default);

        Assert.AreEqual("https://file", fromFile.Issuer);
        Assert.AreEqual("https://env", fromEnv.Issuer);
    }

    [TestMethod]
    public void Require_NoSource_Cil6100() =>
        Assert.AreEqual(KeylessDiagnostics.NoIdentityToken, Assert.ThrowsExactly<CilockException>(() => IdentityTokenSources.Require(new IdentityTokenOptions(), new Dictionary<string, string>())).Code);

    [TestMethod]
    public async Task Detect_GitHubActions_RequestsSigstoreAudienceWithBearer()
    {
        var jwt = TestTokens.Create("""{"iss":"https://token.actions.githubusercontent.com","sub":"repo:acme/app:ref:refs/heads/main"}""");
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Json($$"""{"count":1,"value":"{{jwt}}"}"""));
        var env = new Dictionary<string, string>
        {
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = server.Url + "token?api-version=2.0",
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "request-token-planted",
        };

        var token = await IdentityTokenSources.Detect(new IdentityTokenOptions(), env, Fast)!.GetTokenAsync(default);

        Assert.AreEqual("https://token.actions.githubusercontent.com", token.Issuer);
        Assert.AreEqual("GitHub Actions", token.Source);
        var request = server.Received.Single();
        StringAssert.Contains(request, "GET http://127.0.0.1:" + server.Url.Port + "/token?api-version=2.0&audience=sigstore");
        StringAssert.Contains(request, "Authorization: Bearer request-token-planted");
    }

    [TestMethod]
    public async Task Detect_GitHubEndpointFails_CodedErrorWithoutSecrets()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(403, """{"message":"forbidden"}""", "application/json"));
        var env = new Dictionary<string, string>
        {
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = server.Url + "token?api-version=2.0&secretquery=planted-query",
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "request-token-planted",
        };

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => IdentityTokenSources.Detect(new IdentityTokenOptions(), env, Fast)!.GetTokenAsync(default));

        Assert.AreEqual(KeylessDiagnostics.ServiceRejected, e.Code);
        StringAssert.Contains(e.Message, "HTTP 403");
        Assert.IsFalse(e.ToString().Contains("request-token-planted", StringComparison.Ordinal), e.ToString());
        Assert.IsFalse(e.ToString().Contains("planted-query", StringComparison.Ordinal), e.ToString());
    }

    [TestMethod]
    public async Task Detect_GitHubAnswersWithoutValue_Cil6102()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Json("""{"count":0}"""));
        var env = new Dictionary<string, string> { ["ACTIONS_ID_TOKEN_REQUEST_URL"] = server.Url + "t", ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "r" };

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => IdentityTokenSources.Detect(new IdentityTokenOptions(), env, Fast)!.GetTokenAsync(default));

        Assert.AreEqual(KeylessDiagnostics.IdentityTokenRequestFailed, e.Code);
    }

    [TestMethod]
    public async Task Detect_AzurePipelines_PostsServiceConnectionWithAccessToken()
    {
        var jwt = TestTokens.Create("""{"iss":"https://vstoken.dev.azure.com/00000000-0000-0000-0000-000000000001","sub":"sc://org/project/connection"}""");
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Json($$"""{"oidcToken":"{{jwt}}"}"""));
        var env = new Dictionary<string, string>
        {
            ["SYSTEM_OIDCREQUESTURI"] = server.Url + "oidctoken",
            ["SYSTEM_ACCESSTOKEN"] = "azure-access-planted",
            ["AZURESUBSCRIPTION_SERVICE_CONNECTION_ID"] = "conn-42",
        };

        var token = await IdentityTokenSources.Detect(new IdentityTokenOptions(), env, Fast)!.GetTokenAsync(default);

        Assert.AreEqual("sc://org/project/connection", token.Subject);
        var request = server.Received.Single();
        StringAssert.Contains(request, "POST http://127.0.0.1:" + server.Url.Port + "/oidctoken?api-version=7.1&serviceConnectionId=conn-42");
        StringAssert.Contains(request, "Authorization: Bearer azure-access-planted");
    }

    [TestMethod]
    public async Task Detect_MissingTokenFile_Cil6100()
    {
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() =>
            IdentityTokenSources.Detect(new IdentityTokenOptions { TokenFile = "/nonexistent/cilock/token" }, new Dictionary<string, string>())!.GetTokenAsync(default));

        Assert.AreEqual(KeylessDiagnostics.NoIdentityToken, e.Code);
    }
}

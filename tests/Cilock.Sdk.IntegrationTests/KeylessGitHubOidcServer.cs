using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// The GitHub Actions OIDC token service on loopback, as a job with <c>permissions: id-token: write</c> sees it:
/// <c>GET $ACTIONS_ID_TOKEN_REQUEST_URL&amp;audience=AUD</c> with <c>Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>
/// answers <c>{"value": "&lt;jwt&gt;"}</c>; anything else is 401. Audience <c>sigstore</c> gets the Sigstore mock's token
/// (the fake Fulcio certifies its <c>sub</c>); any other audience (the github attestor asks for <c>witness</c>) gets an
/// RS256 token signed by this server, verifiable against <see cref="JwksUrl"/> like GitHub's key set.
/// </summary>
internal sealed class KeylessGitHubOidcServer : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _sigstoreToken;
    private readonly LoopbackHttpServer _server;

    public KeylessGitHubOidcServer(string sigstoreToken)
    {
        _sigstoreToken = sigstoreToken;
        RequestToken = "ghs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        _server = new LoopbackHttpServer(context =>
        {
            Answer(context);
            return Task.CompletedTask;
        });
    }

    public string BaseUrl => _server.BaseUrl;

    /// <summary>The value for <c>ACTIONS_ID_TOKEN_REQUEST_URL</c> (GitHub's carries a query already).</summary>
    public string RequestUrl => BaseUrl + "token?api-version=2.0";

    /// <summary>The value for <c>WITNESS_GITHUB_JWKS_URL</c>.</summary>
    public string JwksUrl => BaseUrl + ".well-known/jwks";

    /// <summary>The secret for <c>ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>.</summary>
    public string RequestToken { get; }

    /// <summary>The audiences of the token requests that carried the right bearer token.</summary>
    public ConcurrentQueue<string> Audiences { get; } = new();

    /// <summary>Every token handed out (for leak checks).</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    /// <summary>Requests refused for a missing or wrong bearer token.</summary>
    public int Unauthorized => _unauthorized;

    private int _unauthorized;

    public void Dispose()
    {
        _server.Dispose();
        _key.Dispose();
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        if (request.HttpMethod == "GET" && path == "/.well-known/jwks")
        {
            Write(context, HttpStatusCode.OK, Jwks());
            return;
        }

        if (request.HttpMethod != "GET" || path != "/token")
        {
            Write(context, HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found" });
            return;
        }

        var authorization = request.Headers["Authorization"] ?? "";
        var audience = request.QueryString["audience"];
        if (!authorization.Equals("bearer " + RequestToken, StringComparison.OrdinalIgnoreCase)
            || !authorization.EndsWith(RequestToken, StringComparison.Ordinal)
            || request.QueryString["api-version"] != "2.0"
            || string.IsNullOrEmpty(audience))
        {
            Interlocked.Increment(ref _unauthorized);
            Write(context, HttpStatusCode.Unauthorized, new JsonObject { ["message"] = "Bad credentials" });
            return;
        }

        Audiences.Enqueue(audience);
        var token = audience == "sigstore" ? _sigstoreToken : IssueToken(audience);
        IssuedTokens.Enqueue(token);
        Write(context, HttpStatusCode.OK, new JsonObject { ["count"] = 1, ["value"] = token });
    }

    private string IssueToken(string audience)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new JsonObject
        {
            ["iss"] = "https://token.actions.githubusercontent.com",
            ["aud"] = audience,
            ["sub"] = "repo:octo-org/hello-lib:ref:refs/heads/main",
            ["repository"] = "octo-org/hello-lib",
            ["job_workflow_ref"] = "octo-org/hello-lib/.github/workflows/ci.yml@refs/heads/main",
            ["run_id"] = "9876543210",
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddSeconds(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(10).ToUnixTimeSeconds(),
        };
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"gh-1\",\"typ\":\"JWT\"}"));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url.EncodeToString(signature);
    }

    private JsonObject Jwks()
    {
        var p = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["kid"] = "gh-1", ["alg"] = "RS256", ["use"] = "sig",
                ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
            }),
        };
    }

    private static void Write(HttpListenerContext context, HttpStatusCode status, JsonNode body) =>
        LoopbackHttpServer.Respond(context, (int)status, body.ToJsonString());
}

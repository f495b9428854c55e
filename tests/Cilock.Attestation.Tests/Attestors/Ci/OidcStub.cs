using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Cilock.Attestation.Tests.Attestors.Ci;

/// <summary>An OIDC provider in memory: issues RS256 tokens and serves the matching key set.</summary>
internal sealed class OidcStub : HttpMessageHandler
{
    public const string TokenUrl = "https://token.example.test/token?api-version=2.0";
    public const string JwksUrl = "https://token.example.test/jwks";

    private readonly RSA _key = RSA.Create(2048);

    public List<HttpRequestMessage> Requests { get; } = [];

    public HttpStatusCode TokenStatus { get; set; } = HttpStatusCode.OK;

    public JsonObject Claims { get; set; } = new() { ["iss"] = "https://token.actions.githubusercontent.com", ["repository"] = "octo-org/hello-lib" };

    /// <summary>When set, tokens are signed with this key instead of the published one.</summary>
    public RSA? ForgingKey { get; set; }

    public string IssueToken()
    {
        var claims = (JsonObject)Claims.DeepClone();
        claims["exp"] ??= DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}"));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = (ForgingKey ?? _key).SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url.EncodeToString(signature);
    }

    public JsonObject Jwks()
    {
        var p = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["kid"] = "k1", ["alg"] = "RS256", ["use"] = "sig",
                ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
            }),
        };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var url = request.RequestUri!.ToString();
        if (url.StartsWith("https://token.example.test/token", StringComparison.Ordinal))
        {
            return Task.FromResult(TokenStatus == HttpStatusCode.OK
                ? Json(new JsonObject { ["value"] = IssueToken() })
                : new HttpResponseMessage(TokenStatus) { Content = new StringContent("denied") });
        }

        return Task.FromResult(url == JwksUrl ? Json(Jwks()) : new HttpResponseMessage(HttpStatusCode.NotFound));
    }

    protected override void Dispose(bool disposing)
    {
        _key.Dispose();
        base.Dispose(disposing);
    }

    private static HttpResponseMessage Json(JsonNode body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}

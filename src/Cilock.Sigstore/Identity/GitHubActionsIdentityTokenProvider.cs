using System.Net.Http.Headers;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Identity;

/// <summary>
/// GitHub Actions: <c>GET $ACTIONS_ID_TOKEN_REQUEST_URL&amp;audience=sigstore</c> with
/// <c>Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN</c> answers <c>{"value": "&lt;jwt&gt;"}</c>. Needs
/// <c>permissions: id-token: write</c> in the workflow.
/// </summary>
internal sealed class GitHubActionsIdentityTokenProvider(Uri requestUrl, string requestToken, string audience, SigstoreHttp http) : IIdentityTokenProvider
{
    public string Name => "GitHub Actions";

    public async Task<IdentityToken> GetTokenAsync(CancellationToken ct)
    {
        var builder = new UriBuilder(requestUrl);
        var audienceParameter = "audience=" + Uri.EscapeDataString(audience);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? audienceParameter : builder.Query.TrimStart('?') + "&" + audienceParameter;
        var url = builder.Uri;
        var response = await http.SendAsync("the GitHub Actions token endpoint", url, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", requestToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }, ct).ConfigureAwait(false);
        return IdentityToken.Parse(TokenMember(response.Body, "value", Name), Name);
    }

    /// <summary>Reads a string member of a token endpoint's JSON answer.</summary>
    internal static string TokenMember(byte[] body, string member, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Reported below without echoing the body, which could hold a token.
        }

        throw new CilockException(KeylessDiagnostics.IdentityTokenRequestFailed, $"the {source} token endpoint answered without a '{member}' token");
    }
}

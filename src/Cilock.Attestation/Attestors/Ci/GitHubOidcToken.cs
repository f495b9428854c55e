using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Cilock.Attestation.Attestors.Ci;

/// <summary>
/// Requests a GitHub Actions OIDC token (job needs <c>permissions: id-token: write</c>):
/// <c>GET $ACTIONS_ID_TOKEN_REQUEST_URL&amp;audience=AUD</c> with <c>Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>,
/// answer <c>{"value": "&lt;jwt&gt;"}</c>. Used by the github attestor (audience <c>witness</c>) and for Archivista auth.
/// </summary>
public static class GitHubOidcToken
{
    /// <summary>The variable holding the token endpoint.</summary>
    public const string RequestUrlVariable = "ACTIONS_ID_TOKEN_REQUEST_URL";

    /// <summary>The variable holding the bearer credential for the token endpoint.</summary>
    public const string RequestTokenVariable = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

    /// <summary>Whether <paramref name="environment"/> allows requesting a token.</summary>
    public static bool IsAvailable(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrEmpty(environment.GetValueOrDefault(RequestUrlVariable))
            && !string.IsNullOrEmpty(environment.GetValueOrDefault(RequestTokenVariable));
    }

    /// <summary>The token endpoint URL with <c>audience</c> added to its query.</summary>
    public static Uri RequestUri(string requestUrl, string audience)
    {
        ArgumentNullException.ThrowIfNull(requestUrl);
        var separator = requestUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri(requestUrl + separator + "audience=" + Uri.EscapeDataString(audience));
    }

    /// <summary>Requests a token for <paramref name="audience"/>.</summary>
    /// <exception cref="HttpRequestException">When the endpoint is unset, unreachable or answers without a token.</exception>
    public static async Task<string> RequestAsync(IReadOnlyDictionary<string, string> environment, string audience, HttpClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!IsAvailable(environment))
        {
            throw new HttpRequestException($"{RequestUrlVariable}/{RequestTokenVariable} are not set (the job needs 'permissions: id-token: write')");
        }

        Uri uri;
        try
        {
            uri = RequestUri(environment[RequestUrlVariable], audience);
        }
        catch (UriFormatException)
        {
            throw new HttpRequestException($"{RequestUrlVariable} is not a URL");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", environment[RequestTokenVariable]);
        var body = await CiHttp.SendForJsonAsync(client, request, ct).ConfigureAwait(false);
        return body?["value"] is JsonValue v && v.TryGetValue<string>(out var token) && token.Length > 0
            ? token
            : throw new HttpRequestException("the OIDC token endpoint answered without a 'value'");
    }
}

using System.Net.Http.Headers;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Identity;

/// <summary>
/// Azure Pipelines workload identity federation: <c>POST $SYSTEM_OIDCREQUESTURI?api-version=7.1&amp;serviceConnectionId=ID</c>
/// with <c>Authorization: Bearer $SYSTEM_ACCESSTOKEN</c> answers <c>{"oidcToken": "&lt;jwt&gt;"}</c>. The pipeline must map
/// <c>SYSTEM_ACCESSTOKEN: $(System.AccessToken)</c> into the step's environment and name an Azure Resource Manager
/// service connection using workload identity federation. Azure fixes the audience (<c>api://AzureADTokenExchange</c>),
/// so the token is only accepted by a Fulcio configured for the Azure DevOps issuer (a private Sigstore deployment).
/// </summary>
internal sealed class AzurePipelinesIdentityTokenProvider(Uri requestUri, string accessToken, string serviceConnectionId, SigstoreHttp http) : IIdentityTokenProvider
{
    public string Name => "Azure Pipelines";

    public async Task<IdentityToken> GetTokenAsync(CancellationToken ct)
    {
        var builder = new UriBuilder(requestUri);
        var parameters = "api-version=7.1&serviceConnectionId=" + Uri.EscapeDataString(serviceConnectionId);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? parameters : builder.Query.TrimStart('?') + "&" + parameters;
        var url = builder.Uri;
        var response = await http.SendAsync("the Azure Pipelines OIDC endpoint", url, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("") };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            return request;
        }, ct).ConfigureAwait(false);
        return IdentityToken.Parse(GitHubActionsIdentityTokenProvider.TokenMember(response.Body, "oidcToken", Name), Name);
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Identity;

/// <summary>
/// Chooses where the identity token comes from, first match wins: the explicit token, the explicit token file,
/// <c>SIGSTORE_ID_TOKEN</c> (GitLab CI <c>id_tokens:</c> with <c>aud: sigstore</c>, and cosign's convention), GitHub
/// Actions (<c>ACTIONS_ID_TOKEN_REQUEST_URL</c> + <c>ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>), Azure Pipelines
/// (<c>SYSTEM_OIDCREQUESTURI</c> + <c>SYSTEM_ACCESSTOKEN</c> + a service connection id).
/// </summary>
public static class IdentityTokenSources
{
    /// <summary>The environment variable holding a ready token (GitLab, cosign).</summary>
    public const string TokenVariable = "SIGSTORE_ID_TOKEN";

    /// <summary>Whether any token source exists in <paramref name="environment"/> (no network access).</summary>
    public static bool HasAmbientToken(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return AmbientSource(environment, new IdentityTokenOptions()) != Source.None;
    }

    /// <summary>The provider to use, or <c>null</c> when there is no token source.</summary>
    /// <param name="options">Explicit inputs.</param>
    /// <param name="environment">The process environment.</param>
    /// <param name="http">HTTP settings for CI token endpoints.</param>
    /// <param name="httpClient">Optional client (tests).</param>
    /// <exception cref="CilockException">CIL6109 when a CI endpoint URL is malformed or refused.</exception>
    public static IIdentityTokenProvider? Detect(IdentityTokenOptions options, IReadOnlyDictionary<string, string> environment, SigstoreHttpSettings? http = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(options.Token))
        {
            return new StaticIdentityTokenProvider(options.Token, "the --identity-token option");
        }

        if (!string.IsNullOrWhiteSpace(options.TokenFile))
        {
            return new FileIdentityTokenProvider(options.TokenFile);
        }

        return Ambient(environment, options, new SigstoreHttp(http ?? new SigstoreHttpSettings(), httpClient));
    }

    /// <summary>Like <see cref="Detect"/>, but a missing source is an error.</summary>
    /// <exception cref="CilockException">CIL6100 when there is no token source.</exception>
    public static IIdentityTokenProvider Require(IdentityTokenOptions options, IReadOnlyDictionary<string, string> environment, SigstoreHttpSettings? http = null, HttpClient? httpClient = null) =>
        Detect(options, environment, http, httpClient) ?? throw new CilockException(
            KeylessDiagnostics.NoIdentityToken,
            "keyless signing needs an OIDC identity token: run in GitHub Actions with 'permissions: id-token: write', set "
            + $"{TokenVariable} (GitLab: id_tokens with aud: sigstore), configure an Azure Pipelines service connection, or pass --identity-token-file");

    private enum Source
    {
        None,
        Variable,
        GitHub,
        Azure,
    }

    private static IIdentityTokenProvider? Ambient(IReadOnlyDictionary<string, string> env, IdentityTokenOptions options, SigstoreHttp http) =>
        AmbientSource(env, options) switch
        {
            Source.Variable => new StaticIdentityTokenProvider(Value(env, TokenVariable)!, TokenVariable),
            Source.GitHub => new GitHubActionsIdentityTokenProvider(
                Endpoint(Value(env, "ACTIONS_ID_TOKEN_REQUEST_URL")!, "ACTIONS_ID_TOKEN_REQUEST_URL"), Value(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")!, options.Audience, http),
            Source.Azure => new AzurePipelinesIdentityTokenProvider(
                Endpoint(Value(env, "SYSTEM_OIDCREQUESTURI")!, "SYSTEM_OIDCREQUESTURI"), Value(env, "SYSTEM_ACCESSTOKEN")!, AzureConnection(env, options)!, http),
            _ => null,
        };

    private static Source AmbientSource(IReadOnlyDictionary<string, string> env, IdentityTokenOptions options)
    {
        if (Value(env, TokenVariable) is not null)
        {
            return Source.Variable;
        }

        if (Value(env, "ACTIONS_ID_TOKEN_REQUEST_URL") is not null && Value(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN") is not null)
        {
            return Source.GitHub;
        }

        return Value(env, "SYSTEM_OIDCREQUESTURI") is not null && Value(env, "SYSTEM_ACCESSTOKEN") is not null && AzureConnection(env, options) is not null
            ? Source.Azure
            : Source.None;
    }

    private static string? AzureConnection(IReadOnlyDictionary<string, string> env, IdentityTokenOptions options) =>
        options.AzureServiceConnectionId ?? Value(env, "CILOCK_AZURE_SERVICE_CONNECTION_ID") ?? Value(env, "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID");

    private static Uri Endpoint(string value, string variable) => SigstoreHttp.ParseServiceUrl(value, variable);

    private static string? Value(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

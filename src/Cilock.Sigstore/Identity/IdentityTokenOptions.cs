namespace Cilock.Sigstore.Identity;

/// <summary>Explicit identity token inputs; without them the ambient CI token is used (see <see cref="IdentityTokenSources"/>).</summary>
public sealed record IdentityTokenOptions
{
    /// <summary>The token itself (<c>cilock run --identity-token</c>); prefer <see cref="TokenFile"/> or an environment variable, which stay out of process listings.</summary>
    public string? Token { get; init; }

    /// <summary>A file holding the token (re-read on every request, so rotated tokens work).</summary>
    public string? TokenFile { get; init; }

    /// <summary>The audience requested from CI token endpoints; <c>sigstore</c> (what Fulcio expects).</summary>
    public string Audience { get; init; } = "sigstore";

    /// <summary>
    /// Azure Pipelines only: the id of the service connection whose workload identity federation issues the token;
    /// <c>null</c> reads <c>CILOCK_AZURE_SERVICE_CONNECTION_ID</c>, then <c>AZURESUBSCRIPTION_SERVICE_CONNECTION_ID</c>.
    /// </summary>
    public string? AzureServiceConnectionId { get; init; }
}

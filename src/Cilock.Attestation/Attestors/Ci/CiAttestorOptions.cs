namespace Cilock.Attestation.Attestors.Ci;

/// <summary>How the CI platform attestors reach the platform's OIDC token service and key set.</summary>
public sealed record CiAttestorOptions
{
    /// <summary>Handler for token and JWKS requests (tests inject a loopback one); <c>null</c> = the default handler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Time limit of each token or JWKS request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Request and verify the platform's OIDC token (GitHub Actions, GitLab) and record its claims. Off: the
    /// attestation has no <c>jwt</c> member.
    /// </summary>
    public bool RecordTokenClaims { get; init; } = true;

    /// <summary>
    /// GitLab: the variable holding the job's ID token (an <c>id_tokens:</c> entry); <c>null</c> tries
    /// <see cref="GitLabAttestor.DefaultTokenVariable"/>, then <c>CI_JOB_JWT</c>.
    /// </summary>
    public string? GitLabTokenVariable { get; init; }
}

using Cilock.Attestation.Collections;

namespace Cilock.Attestation.Attestors.Ci;

/// <summary>
/// GitHub Actions (spec attestors.md §7), active when <c>GITHUB_ACTIONS=true</c>. Witness members plus, in the cilock
/// dialect only, the run attempt, ref, commit, actor, repository, event and workflow ref. With
/// <c>permissions: id-token: write</c> the job's OIDC token (audience <c>witness</c>) is requested and its claims are
/// recorded after verification against GitHub's JWKS (<c>WITNESS_GITHUB_JWKS_URL</c> overrides the URL).
/// Subjects <c>pipelineurl:</c> and <c>projecturl:</c>; backref <c>pipelineurl:</c>.
/// </summary>
public sealed class GitHubAttestor : CiPlatformAttestor
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "github";

    /// <summary>The token audience both Witness and cilock request.</summary>
    public const string TokenAudience = "witness";

    /// <summary>GitHub's published key set.</summary>
    public const string DefaultJwksUrl = "https://token.actions.githubusercontent.com/.well-known/jwks";

    /// <summary>Creates the attestor.</summary>
    public GitHubAttestor(CiAttestorOptions? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override string Name => AttestorName;

    private protected override bool InWitnessRegistry => true;

    private protected override IReadOnlyList<string> SubjectFields { get; } = ["pipelineurl", "projecturl"];

    /// <inheritdoc />
    public override string PredicateType(Dialect dialect) =>
        (dialect == Dialect.Witness ? AttestationTypes.WitnessPrefix : AttestationTypes.CilockPrefix) + "github/v0.1";

    /// <inheritdoc />
    public override bool IsDetected(IReadOnlyDictionary<string, string> environment) =>
        string.Equals(Env(environment, "GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    private protected override IEnumerable<CiField> Capture(IReadOnlyDictionary<string, string> environment)
    {
        var server = Env(environment, "GITHUB_SERVER_URL");
        var project = $"{server}/{Env(environment, "GITHUB_REPOSITORY")}";
        var runId = Env(environment, "GITHUB_RUN_ID");
        yield return new("ciconfigpath", Env(environment, "GITHUB_ACTION_PATH"));
        yield return new("pipelineid", runId);
        yield return new("pipelinename", Env(environment, "GITHUB_WORKFLOW"));
        yield return new("pipelineurl", $"{project}/actions/runs/{runId}");
        yield return new("projecturl", project);
        yield return new("runnerid", Env(environment, "RUNNER_NAME"));
        yield return new("cihost", HostName());
        yield return new("ciserverurl", server);
        yield return new("runnerarch", Env(environment, "RUNNER_ARCH"));
        yield return new("runneros", Env(environment, "RUNNER_OS"));
        yield return new("runattempt", Env(environment, "GITHUB_RUN_ATTEMPT"), CilockOnly: true);
        yield return new("ref", Env(environment, "GITHUB_REF"), CilockOnly: true);
        yield return new("sha", Env(environment, "GITHUB_SHA"), CilockOnly: true);
        yield return new("actor", Env(environment, "GITHUB_ACTOR"), CilockOnly: true);
        yield return new("repository", Env(environment, "GITHUB_REPOSITORY"), CilockOnly: true);
        yield return new("eventname", Env(environment, "GITHUB_EVENT_NAME"), CilockOnly: true);
        yield return new("workflowref", Env(environment, "GITHUB_WORKFLOW_REF"), CilockOnly: true);
        yield return new("runnerenvironment", Env(environment, "RUNNER_ENVIRONMENT"), CilockOnly: true);
    }

    // Without id-token permission the variables are absent: that is a normal configuration, not a warning.
    private protected override async Task<string?> GetTokenAsync(IReadOnlyDictionary<string, string> environment, CiAttestorOptions options, HttpClient client, CancellationToken ct) =>
        GitHubOidcToken.IsAvailable(environment)
            ? await GitHubOidcToken.RequestAsync(environment, TokenAudience, client, ct).ConfigureAwait(false)
            : null;

    private protected override string JwksUrl(IReadOnlyDictionary<string, string> environment) =>
        Env(environment, "WITNESS_GITHUB_JWKS_URL") is { Length: > 0 } url ? url : DefaultJwksUrl;
}

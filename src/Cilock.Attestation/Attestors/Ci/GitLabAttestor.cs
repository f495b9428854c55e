using Cilock.Attestation.Collections;

namespace Cilock.Attestation.Attestors.Ci;

/// <summary>
/// GitLab CI (spec attestors.md §8), active when <c>GITLAB_CI=true</c>. The job's ID token comes from
/// <see cref="CiAttestorOptions.GitLabTokenVariable"/>, else <see cref="DefaultTokenVariable"/> (declare it under
/// <c>id_tokens:</c>), else <c>CI_JOB_JWT</c> (removed in GitLab 17); it is verified against
/// <c>$CI_SERVER_URL/oauth/discovery/keys</c> (<c>WITNESS_GITLAB_JWKS_URL</c> overrides). A missing token only
/// warns. Subjects <c>pipelineurl:</c>, <c>joburl:</c>, <c>projecturl:</c>; backref <c>pipelineurl:</c>.
/// </summary>
public sealed class GitLabAttestor : CiPlatformAttestor
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "gitlab";

    /// <summary>The <c>id_tokens:</c> variable name cilock's samples declare.</summary>
    public const string DefaultTokenVariable = "CILOCK_ID_TOKEN";

    /// <summary>Creates the attestor.</summary>
    public GitLabAttestor(CiAttestorOptions? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override string Name => AttestorName;

    private protected override bool InWitnessRegistry => true;

    private protected override IReadOnlyList<string> SubjectFields { get; } = ["pipelineurl", "joburl", "projecturl"];

    /// <inheritdoc />
    public override string PredicateType(Dialect dialect) =>
        (dialect == Dialect.Witness ? AttestationTypes.WitnessPrefix : AttestationTypes.CilockPrefix) + "gitlab/v0.1";

    /// <inheritdoc />
    public override bool IsDetected(IReadOnlyDictionary<string, string> environment) =>
        string.Equals(Env(environment, "GITLAB_CI"), "true", StringComparison.OrdinalIgnoreCase);

    private protected override IEnumerable<CiField> Capture(IReadOnlyDictionary<string, string> environment)
    {
        yield return new("ciconfigpath", Env(environment, "CI_CONFIG_PATH"));
        yield return new("jobid", Env(environment, "CI_JOB_ID"));
        yield return new("jobimage", Env(environment, "CI_JOB_IMAGE"));
        yield return new("jobname", Env(environment, "CI_JOB_NAME"));
        yield return new("jobstage", Env(environment, "CI_JOB_STAGE"));
        yield return new("joburl", Env(environment, "CI_JOB_URL"));
        yield return new("pipelineid", Env(environment, "CI_PIPELINE_ID"));
        yield return new("pipelineurl", Env(environment, "CI_PIPELINE_URL"));
        yield return new("projectid", Env(environment, "CI_PROJECT_ID"));
        yield return new("projecturl", Env(environment, "CI_PROJECT_URL"));
        yield return new("runnerid", Env(environment, "CI_RUNNER_ID"));
        yield return new("cihost", Env(environment, "CI_SERVER_HOST"));
        yield return new("ciserverurl", Env(environment, "CI_SERVER_URL"));
        yield return new("ref", Env(environment, "CI_COMMIT_REF_NAME"), CilockOnly: true);
        yield return new("sha", Env(environment, "CI_COMMIT_SHA"), CilockOnly: true);
        yield return new("pipelinesource", Env(environment, "CI_PIPELINE_SOURCE"), CilockOnly: true);
        yield return new("userlogin", Env(environment, "GITLAB_USER_LOGIN"), CilockOnly: true);
    }

    private protected override Task<string?> GetTokenAsync(IReadOnlyDictionary<string, string> environment, CiAttestorOptions options, HttpClient client, CancellationToken ct)
    {
        var names = options.GitLabTokenVariable is { Length: > 0 } configured ? [configured] : new[] { DefaultTokenVariable, "CI_JOB_JWT" };
        var token = names.Select(n => Env(environment, n)).FirstOrDefault(v => v.Length > 0);
        return token is not null
            ? Task.FromResult<string?>(token)
            : throw new HttpRequestException($"none of {string.Join(", ", names)} is set (declare an id_tokens: entry named {DefaultTokenVariable} with aud: witness)");
    }

    private protected override string JwksUrl(IReadOnlyDictionary<string, string> environment) =>
        Env(environment, "WITNESS_GITLAB_JWKS_URL") is { Length: > 0 } url ? url : Env(environment, "CI_SERVER_URL").TrimEnd('/') + "/oauth/discovery/keys";
}

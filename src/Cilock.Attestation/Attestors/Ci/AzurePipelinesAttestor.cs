using Cilock.Attestation.Collections;

namespace Cilock.Attestation.Attestors.Ci;

/// <summary>
/// Azure Pipelines, active when <c>TF_BUILD=True</c>. Our own predicate (<see cref="PredicateTypeUri"/>, documented in
/// <c>docs/ci.md</c>): cilock dialect only, because Witness registers no Azure attestor and rejects unknown types.
/// Members follow the github/gitlab naming so one policy style fits all three. No token is requested (Azure's OIDC
/// endpoint needs a service connection); subjects <c>pipelineurl:</c> and <c>projecturl:</c>.
/// </summary>
public sealed class AzurePipelinesAttestor : CiPlatformAttestor
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "azure-pipelines";

    /// <summary>The predicate type (cilock only).</summary>
    public const string PredicateTypeUri = AttestationTypes.CilockPrefix + "azure-pipelines/v0.1";

    /// <summary>Creates the attestor.</summary>
    public AzurePipelinesAttestor(CiAttestorOptions? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override string Name => AttestorName;

    private protected override bool InWitnessRegistry => false;

    private protected override IReadOnlyList<string> SubjectFields { get; } = ["pipelineurl", "projecturl"];

    /// <inheritdoc />
    public override string PredicateType(Dialect dialect) => PredicateTypeUri;

    /// <inheritdoc />
    public override bool IsDetected(IReadOnlyDictionary<string, string> environment) =>
        string.Equals(Env(environment, "TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase);

    private protected override IEnumerable<CiField> Capture(IReadOnlyDictionary<string, string> environment)
    {
        var collection = Env(environment, "SYSTEM_COLLECTIONURI");
        var project = collection.TrimEnd('/') + "/" + Uri.EscapeDataString(Env(environment, "SYSTEM_TEAMPROJECT"));
        var buildId = Env(environment, "BUILD_BUILDID");
        yield return new("ciconfigpath", Env(environment, "BUILD_DEFINITIONNAME"));
        yield return new("pipelineid", buildId);
        yield return new("pipelinename", Env(environment, "BUILD_DEFINITIONNAME"));
        yield return new("pipelineurl", $"{project}/_build/results?buildId={buildId}");
        yield return new("projecturl", project);
        yield return new("jobname", Env(environment, "SYSTEM_JOBDISPLAYNAME"));
        yield return new("stagename", Env(environment, "SYSTEM_STAGENAME"));
        yield return new("jobattempt", Env(environment, "SYSTEM_JOBATTEMPT"));
        yield return new("repositoryuri", Env(environment, "BUILD_REPOSITORY_URI"));
        yield return new("sourcebranch", Env(environment, "BUILD_SOURCEBRANCH"));
        yield return new("sourceversion", Env(environment, "BUILD_SOURCEVERSION"));
        yield return new("reason", Env(environment, "BUILD_REASON"));
        yield return new("requestedfor", Env(environment, "BUILD_REQUESTEDFOR"));
        yield return new("runnerid", Env(environment, "AGENT_NAME"));
        yield return new("cihost", HostName());
        yield return new("ciserverurl", collection);
        yield return new("runnerarch", Env(environment, "AGENT_OSARCHITECTURE"));
        yield return new("runneros", Env(environment, "AGENT_OS"));
    }

    private protected override Task<string?> GetTokenAsync(IReadOnlyDictionary<string, string> environment, CiAttestorOptions options, HttpClient client, CancellationToken ct) =>
        Task.FromResult<string?>(null);

    private protected override string JwksUrl(IReadOnlyDictionary<string, string> environment) => "";
}

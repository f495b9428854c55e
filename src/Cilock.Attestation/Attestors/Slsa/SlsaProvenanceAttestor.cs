using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Attestors.Git;
using Cilock.Attestation.Context;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors.Slsa;

/// <summary>
/// SLSA provenance v1 for the step (spec attestors.md §13), assembled in the post-product phase from what the other
/// attestors recorded: <c>externalParameters.command</c> from command-run, <c>internalParameters.env</c> from the
/// environment attestor (already obfuscated — never raw secrets), <c>resolvedDependencies</c> from git (remotes at
/// the HEAD commit), the CI platform's verified <c>sha</c> claim and the materials, and the builder id and
/// invocation id from the CI platform. Subjects: <c>file:&lt;product&gt;</c>. Written in the cilock shape or the
/// Witness shape by dialect; Witness v0.10 registers the predicate type, so it is kept in the witness profile.
/// </summary>
public sealed class SlsaProvenanceAttestor : IAttestor, ISubjecter
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "slsa";

    private readonly DateTimeOffset? _startedOn;
    private readonly DateTimeOffset? _finishedOn;
    private SlsaProvenance? _provenance;
    private SlsaBuilderKind _kind;
    private Dictionary<string, DigestSet> _subjects = new(StringComparer.Ordinal);

    /// <summary>Creates the attestor; start/finish come from the command-run attestor's run.</summary>
    public SlsaProvenanceAttestor()
    {
    }

    /// <summary>
    /// Creates the attestor with the step's own start and finish times (a step the build engine already carried
    /// out, whose command-run record is written after the fact).
    /// </summary>
    public SlsaProvenanceAttestor(DateTimeOffset? startedOn, DateTimeOffset? finishedOn)
    {
        _startedOn = startedOn;
        _finishedOn = finishedOn;
    }

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PostProduct;

    /// <summary>The build platform found (after the run).</summary>
    public SlsaBuilderKind BuilderKind => _kind;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) => SlsaUris.CollectionPredicateType;

    /// <summary>The provenance with <paramref name="dialect"/>'s build type and builder id, or <c>null</c> before the run.</summary>
    public SlsaProvenance? ToProvenance(Dialect dialect) => _provenance is null ? null : _provenance with
    {
        BuildType = SlsaUris.BuildType(dialect),
        BuilderId = SlsaUris.BuilderId(_kind, dialect),
    };

    /// <inheritdoc />
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var completed = context.CompletedAttestors.Where(c => c.Succeeded).ToList();
        var dependencies = new List<SlsaResourceDescriptor>();
        var internalParameters = new JsonObject();
        JsonObject? externalParameters = null;
        DateTimeOffset? started = null, finished = null;

        if (completed.Select(c => c.Attestor).OfType<EnvironmentAttestor>().FirstOrDefault()?.Predicate is { } environment)
        {
            internalParameters["env"] = SlsaJson.ToObject(environment.Variables);
        }

        if (completed.Select(c => c.Attestor).OfType<GitAttestor>().FirstOrDefault()?.Predicate is { } git)
        {
            var digest = git.CommitHash.Length > 0
                ? new Dictionary<string, string> { [DigestSet.Sha1] = git.CommitHash }
                : [];
            dependencies.AddRange(git.Remotes.Select(remote => new SlsaResourceDescriptor { Name = remote, Digest = digest }));
        }

        var (kind, invocationId) = DetectPlatform(completed.Select(c => c.Attestor).OfType<CiPlatformAttestor>().Where(a => a.Detected), context.Environment);
        _kind = kind;

        // The commit the platform vouches for in its verified OIDC token (a nameless descriptor, as cilock writes it).
        foreach (var ci in completed.Select(c => c.Attestor).OfType<CiPlatformAttestor>().Where(a => a.Detected))
        {
            if (ci.Claims?["sha"] is JsonValue sha && sha.TryGetValue<string>(out var commit) && commit.Length > 0)
            {
                dependencies.Add(new SlsaResourceDescriptor { Digest = new Dictionary<string, string> { [DigestSet.Sha1] = commit } });
            }
        }

        dependencies.AddRange(context.Materials
            .OrderBy(m => m.Key, Utf8Order.Instance)
            .Select(m => new SlsaResourceDescriptor { Name = m.Key, Digest = m.Value.ToDictionary(StringComparer.Ordinal) }));

        if (completed.FirstOrDefault(c => c.Attestor is CommandRunAttestor) is { } run
            && ((CommandRunAttestor)run.Attestor).Predicate is { } command)
        {
            externalParameters = new JsonObject { ["command"] = string.Join(' ', command.Cmd) };
            started = run.StartTime;
            finished = run.EndTime;
        }

        _provenance = new SlsaProvenance
        {
            ExternalParameters = externalParameters,
            InternalParameters = internalParameters,
            ResolvedDependencies = dependencies,
            InvocationId = invocationId,
            StartedOn = _startedOn ?? started,
            FinishedOn = _finishedOn ?? finished,
        };
        _subjects = context.Products.ToDictionary(p => "file:" + p.Key, p => p.Value.Digest, StringComparer.Ordinal);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect) => ToProvenance(dialect)?.ToJson(dialect);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect) => _subjects;

    /// <summary>
    /// The build platform and its run URL: from the CI platform attestors that ran (GitHub → github-action, GitLab →
    /// gitlab-component; Azure Pipelines has no kind in either product's fixed table, so it stays <c>default</c>
    /// while its run URL is still recorded), else from the environment for the two platforms we have no attestor
    /// for (Jenkins: <c>JENKINS_URL</c>/<c>BUILD_URL</c>; CodeBuild: <c>CODEBUILD_BUILD_ARN</c>).
    /// </summary>
    internal static (SlsaBuilderKind Kind, string InvocationId) DetectPlatform(IEnumerable<CiPlatformAttestor> detected, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var ci in detected)
        {
            var kind = ci.Name switch
            {
                GitHubAttestor.AttestorName => SlsaBuilderKind.GitHubAction,
                GitLabAttestor.AttestorName => SlsaBuilderKind.GitLabComponent,
                _ => SlsaBuilderKind.Default,
            };
            return (kind, ci["pipelineurl"]);
        }

        if (environment.GetValueOrDefault("CODEBUILD_BUILD_ARN") is { Length: > 0 } arn)
        {
            return (SlsaBuilderKind.AwsCodeBuild, arn);
        }

        if (environment.GetValueOrDefault("JENKINS_URL") is { Length: > 0 })
        {
            return (SlsaBuilderKind.JenkinsComponent, environment.GetValueOrDefault("BUILD_URL") ?? "");
        }

        return (SlsaBuilderKind.Default, "");
    }
}

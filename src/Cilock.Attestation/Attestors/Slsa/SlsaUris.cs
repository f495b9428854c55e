using Cilock.Attestation.Attestors;

namespace Cilock.Attestation.Attestors.Slsa;

/// <summary>The predicate types, build types and builder ids of SLSA provenance in both dialects (spec attestors.md §13).</summary>
public static class SlsaUris
{
    /// <summary>The (non-spec) predicate type both Witness and cilock write inside attestation collections.</summary>
    public const string CollectionPredicateType = "https://slsa.dev/provenance/v1.0";

    /// <summary>The SLSA v1 specification's predicate type, used for the standalone (ecosystem) statement.</summary>
    public const string SpecPredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>The cilock build type, also used by our standalone statement.</summary>
    public const string CilockBuildType = "https://aflock.ai/slsa-build@v0.1";

    /// <summary>The Witness build type.</summary>
    public const string WitnessBuildType = "https://witness.dev/slsa-build@v0.1";

    /// <summary>Whether <paramref name="predicateType"/> is one of the two SLSA provenance v1 URIs we read.</summary>
    public static bool IsProvenance(string? predicateType) =>
        predicateType is CollectionPredicateType or SpecPredicateType;

    /// <summary>The build type written in <paramref name="dialect"/>.</summary>
    public static string BuildType(Dialect dialect) => dialect == Dialect.Witness ? WitnessBuildType : CilockBuildType;

    /// <summary>
    /// The builder id of <paramref name="kind"/> in <paramref name="dialect"/>:
    /// <c>https://aflock.ai/attestation-&lt;kind&gt;-builder@v0.1</c> or <c>https://witness.dev/witness-&lt;kind&gt;-builder@v0.1</c>.
    /// </summary>
    public static string BuilderId(SlsaBuilderKind kind, Dialect dialect)
    {
        var name = KindName(kind);
        return dialect == Dialect.Witness
            ? $"https://witness.dev/witness-{name}-builder@v0.1"
            : $"https://aflock.ai/attestation-{name}-builder@v0.1";
    }

    /// <summary>The kind named by a builder id of either dialect, or <c>null</c> for any other id.</summary>
    public static SlsaBuilderKind? KindOf(string? builderId)
    {
        foreach (var kind in Enum.GetValues<SlsaBuilderKind>())
        {
            if (builderId == BuilderId(kind, Dialect.Cilock) || builderId == BuilderId(kind, Dialect.Witness))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The kind's token in builder ids (<c>default</c>, <c>github-action</c>, …).</summary>
    public static string KindName(SlsaBuilderKind kind) => kind switch
    {
        SlsaBuilderKind.GitHubAction => "github-action",
        SlsaBuilderKind.GitLabComponent => "gitlab-component",
        SlsaBuilderKind.JenkinsComponent => "jenkins-component",
        SlsaBuilderKind.AwsCodeBuild => "aws-codebuild",
        _ => "default",
    };
}

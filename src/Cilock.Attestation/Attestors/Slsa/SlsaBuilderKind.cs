namespace Cilock.Attestation.Attestors.Slsa;

/// <summary>
/// The build platforms a provenance names in <c>runDetails.builder.id</c> (spec attestors.md §13). Both products
/// know exactly these five; a platform without its own kind (Azure Pipelines) is <see cref="Default"/>.
/// </summary>
public enum SlsaBuilderKind
{
    /// <summary>No recognised build platform (laptops, Azure Pipelines).</summary>
    Default,

    /// <summary>GitHub Actions.</summary>
    GitHubAction,

    /// <summary>GitLab CI.</summary>
    GitLabComponent,

    /// <summary>Jenkins.</summary>
    JenkinsComponent,

    /// <summary>AWS CodeBuild.</summary>
    AwsCodeBuild,
}

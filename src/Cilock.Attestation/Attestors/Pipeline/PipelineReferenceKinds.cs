namespace Cilock.Attestation.Attestors.Pipeline;

/// <summary>The <c>kind</c> values of a <see cref="PipelineReference"/>.</summary>
public static class PipelineReferenceKinds
{
    /// <summary>A GitHub action from another repository (<c>owner/repo[/path]@ref</c>).</summary>
    public const string Action = "action";

    /// <summary>A GitHub reusable workflow (<c>owner/repo/.github/workflows/x.yml@ref</c>).</summary>
    public const string ReusableWorkflow = "reusable-workflow";

    /// <summary>A container image (<c>docker://</c> action, job container, service, GitLab/Azure image).</summary>
    public const string DockerImage = "docker-image";

    /// <summary>A GitLab <c>include:</c> (project, remote, component).</summary>
    public const string Include = "include";

    /// <summary>A GitLab built-in template or an Azure <c>template: path@alias</c>.</summary>
    public const string Template = "template";

    /// <summary>An Azure Pipelines <c>task: Name@Version</c>.</summary>
    public const string Task = "task";

    /// <summary>An Azure Pipelines <c>resources.repositories</c> entry.</summary>
    public const string Repository = "repository";

    /// <summary>A file of the same repository (<c>uses: ./x</c>, local include/template); pinned by the commit itself.</summary>
    public const string Local = "local";
}

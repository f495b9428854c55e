namespace Cilock.Attestation.Attestors.Pipeline;

/// <summary>One pipeline definition file that was read.</summary>
/// <param name="Path">Relative path with <c>/</c> separators.</param>
/// <param name="Platform"><c>github-actions</c>, <c>github-action</c>, <c>gitlab-ci</c> or <c>azure-pipelines</c>.</param>
/// <param name="Current">Whether this is the workflow running now (<c>GITHUB_WORKFLOW_REF</c>).</param>
/// <param name="Malformed">Whether the file could not be read or parsed (its references are then unknown).</param>
public sealed record PipelineDefinitionFile(string Path, string Platform, bool Current, bool Malformed);

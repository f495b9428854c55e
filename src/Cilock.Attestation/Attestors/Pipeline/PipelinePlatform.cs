namespace Cilock.Attestation.Attestors.Pipeline;

/// <summary>The CI systems whose definitions the pipeline-definition attestor reads (the <c>platform</c> values).</summary>
internal static class PipelinePlatform
{
    public const string GitHubWorkflow = "github-actions";
    public const string GitHubAction = "github-action";
    public const string GitLab = "gitlab-ci";
    public const string Azure = "azure-pipelines";

    /// <summary>The platform of <paramref name="relativePath"/> (<c>/</c> separators), or null when it is not a definition.</summary>
    public static string? Detect(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        var isYaml = name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        if (!isYaml)
        {
            return null;
        }

        var dir = relativePath.Length > name.Length ? relativePath[..(relativePath.Length - name.Length - 1)] : "";
        if (dir == ".github/workflows")
        {
            return GitHubWorkflow;
        }

        if (name is "action.yml" or "action.yaml")
        {
            return GitHubAction;
        }

        if ((dir.Length == 0 && name is ".gitlab-ci.yml" or ".gitlab-ci.yaml") || dir == ".gitlab" || dir.StartsWith(".gitlab/", StringComparison.Ordinal))
        {
            return GitLab;
        }

        if ((dir.Length == 0 && name.StartsWith("azure-pipelines", StringComparison.OrdinalIgnoreCase))
            || IsUnder(dir, ".azure-pipelines") || IsUnder(dir, ".azuredevops") || IsUnder(dir, ".pipelines"))
        {
            return Azure;
        }

        return null;
    }

    private static bool IsUnder(string dir, string root) =>
        dir == root || dir.StartsWith(root + "/", StringComparison.Ordinal);
}

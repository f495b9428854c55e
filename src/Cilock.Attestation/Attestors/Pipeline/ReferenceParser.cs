using System.Text.RegularExpressions;

namespace Cilock.Attestation.Attestors.Pipeline;

/// <summary>Turns reference strings (<c>uses:</c> values, image names, <c>Name@Version</c>) into <see cref="PipelineReference"/>s.</summary>
internal static partial class ReferenceParser
{
    /// <summary>A full commit SHA: the only immutable git pin (short SHAs and tags can be re-pointed or collide).</summary>
    public static bool IsCommitSha(string value) => CommitSha().IsMatch(value);

    /// <summary>A GitHub <c>uses:</c> value of a step or a job.</summary>
    public static PipelineReference ParseUses(string file, int line, string text)
    {
        var value = text.Trim();
        if (value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("../", StringComparison.Ordinal))
        {
            return new PipelineReference { File = file, Line = line, Kind = PipelineReferenceKinds.Local, Reference = text, Path = value };
        }

        if (value.StartsWith("docker://", StringComparison.OrdinalIgnoreCase))
        {
            return ParseImage(file, line, text, value["docker://".Length..]);
        }

        var at = value.LastIndexOf('@');
        var target = at < 0 ? value : value[..at];
        var gitRef = at < 0 ? "" : value[(at + 1)..];
        var parts = target.Split('/', 3);
        var path = parts.Length == 3 ? parts[2] : "";
        var isWorkflow = WorkflowPath().IsMatch(path);
        return new PipelineReference
        {
            File = file,
            Line = line,
            Kind = isWorkflow ? PipelineReferenceKinds.ReusableWorkflow : PipelineReferenceKinds.Action,
            Reference = text,
            Owner = parts[0],
            Repository = parts.Length > 1 ? parts[1] : "",
            Path = path,
            Ref = gitRef,
            RefPinned = parts.Length > 1 && IsCommitSha(gitRef),
        };
    }

    /// <summary>
    /// A container image <c>[registry/][namespace/]name[:tag][@sha256:digest]</c>; pinned only by a sha256 digest.
    /// <paramref name="image"/> is the image part of <paramref name="text"/> (without <c>docker://</c>).
    /// </summary>
    public static PipelineReference ParseImage(string file, int line, string text, string image)
    {
        image = image.Trim();
        var digest = "";
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var tag = "";
        if (colon > slash)
        {
            tag = image[(colon + 1)..];
            image = image[..colon];
        }

        slash = image.LastIndexOf('/');
        return new PipelineReference
        {
            File = file,
            Line = line,
            Kind = PipelineReferenceKinds.DockerImage,
            Reference = text,
            Owner = slash < 0 ? "" : image[..slash],
            Repository = slash < 0 ? image : image[(slash + 1)..],
            Ref = digest.Length > 0 ? digest : tag,
            RefPinned = ImageDigest().IsMatch(digest),
        };
    }

    /// <summary>An Azure Pipelines <c>task: Name@Version</c>; never pinned (the marketplace version is mutable).</summary>
    public static PipelineReference ParseTask(string file, int line, string text)
    {
        var value = text.Trim();
        var at = value.LastIndexOf('@');
        return new PipelineReference
        {
            File = file,
            Line = line,
            Kind = PipelineReferenceKinds.Task,
            Reference = text,
            Repository = at < 0 ? value : value[..at],
            Ref = at < 0 ? "" : value[(at + 1)..],
        };
    }

    /// <summary>Splits <c>group/sub/project</c> into owner <c>group/sub</c> and repository <c>project</c>.</summary>
    public static (string Owner, string Repository) SplitProject(string project)
    {
        var p = project.Trim().Trim('/');
        var slash = p.LastIndexOf('/');
        return slash < 0 ? ("", p) : (p[..slash], p[(slash + 1)..]);
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitSha();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex ImageDigest();

    [GeneratedRegex(@"^\.github/workflows/[^/]+\.ya?ml$")]
    private static partial Regex WorkflowPath();
}

using System.Text.Json.Nodes;

namespace Cilock.Attestation.Attestors.Pipeline;

/// <summary>
/// One external or local reference found in a pipeline definition (a <c>uses:</c>, an image, an include, a template,
/// a task). <see cref="RefPinned"/> is true only for an immutable pin: a 40-hex commit SHA for actions, workflows,
/// includes and repositories, a <c>sha256:</c> digest for images.
/// </summary>
public sealed record PipelineReference
{
    /// <summary>The definition file, relative to the working directory with <c>/</c> separators.</summary>
    public required string File { get; init; }

    /// <summary>1-based line of the reference value in <see cref="File"/>.</summary>
    public required int Line { get; init; }

    /// <summary>One of the <see cref="PipelineReferenceKinds"/> values.</summary>
    public required string Kind { get; init; }

    /// <summary>The reference text exactly as written.</summary>
    public required string Reference { get; init; }

    /// <summary>Owner (GitHub owner, GitLab group path, image registry/namespace); empty when not applicable.</summary>
    public string Owner { get; init; } = "";

    /// <summary>Repository (or image) name; empty when not applicable.</summary>
    public string Repository { get; init; } = "";

    /// <summary>Path inside the repository (sub-action, workflow or include file); empty when none.</summary>
    public string Path { get; init; } = "";

    /// <summary>The ref: git ref or SHA, image tag or digest, task version; empty when none was given.</summary>
    public string Ref { get; init; } = "";

    /// <summary>Whether <see cref="Ref"/> is an immutable pin.</summary>
    public bool RefPinned { get; init; }

    /// <summary>The JSON entry; <c>refpinned</c> is omitted when false and actions carry <c>actionref</c> (spec §16 style).</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["file"] = File,
            ["line"] = Line,
            ["kind"] = Kind,
            ["reference"] = Reference,
        };
        if (Kind is PipelineReferenceKinds.Action or PipelineReferenceKinds.ReusableWorkflow)
        {
            o["actionref"] = Reference;
        }

        AddIfSet(o, "owner", Owner);
        AddIfSet(o, "repository", Repository);
        AddIfSet(o, "path", Path);
        AddIfSet(o, "ref", Ref);
        if (RefPinned)
        {
            o["refpinned"] = true;
        }

        return o;
    }

    private static void AddIfSet(JsonObject o, string name, string value)
    {
        if (value.Length > 0)
        {
            o[name] = value;
        }
    }
}

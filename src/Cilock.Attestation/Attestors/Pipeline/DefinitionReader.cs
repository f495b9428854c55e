using YamlDotNet.RepresentationModel;

namespace Cilock.Attestation.Attestors.Pipeline;

/// <summary>
/// Walks the YAML documents of one definition file and collects its references. Aliases resolve to the anchored node,
/// so a reused block is reported once, at the anchor's line; merge keys (<c>&lt;&lt;</c>) are walked like any mapping.
/// </summary>
internal sealed class DefinitionReader
{
    // Members whose values are free-form data (inputs, variables, scripts): a key such as "image" there is not a reference.
    private static readonly HashSet<string> GitHubOpaque = new(StringComparer.Ordinal) { "with", "env", "run", "on", "inputs", "outputs", "secrets", "defaults", "permissions" };
    private static readonly HashSet<string> GitLabOpaque = new(StringComparer.Ordinal) { "variables", "script", "before_script", "after_script", "rules", "spec", "inputs" };
    private static readonly HashSet<string> AzureOpaque = new(StringComparer.Ordinal) { "variables", "script", "bash", "pwsh", "powershell", "inputs", "env" };

    private readonly string _file;
    private readonly string _platform;
    private readonly List<PipelineReference> _references = [];
    private readonly HashSet<(int Line, long Column, string Text)> _seen = [];
    private readonly HashSet<YamlNode> _visiting = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, (string Name, string Ref)> _azureRepositories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _azureContainers = new(StringComparer.Ordinal);

    private DefinitionReader(string file, string platform)
    {
        _file = file;
        _platform = platform;
    }

    /// <summary>Reads every reference of <paramref name="text"/>.</summary>
    /// <exception cref="YamlDotNet.Core.YamlException">The text is not valid YAML.</exception>
    public static IReadOnlyList<PipelineReference> Read(string file, string platform, string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var reader = new DefinitionReader(file, platform);
        foreach (var document in stream.Documents)
        {
            if (platform == PipelinePlatform.Azure)
            {
                reader.CollectAzureRepositories(document.RootNode);
            }

            reader.Walk(document.RootNode, parentKey: "");
        }

        return [.. reader._references.OrderBy(r => r.Line)];
    }

    private void Walk(YamlNode node, string parentKey)
    {
        if (!_visiting.Add(node))
        {
            return; // a recursive alias
        }

        try
        {
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (keyNode, value) in map.Children)
                    {
                        var key = (keyNode as YamlScalarNode)?.Value ?? "";
                        if (!Visit(key, value, parentKey))
                        {
                            Walk(value, key);
                        }
                    }

                    break;
                case YamlSequenceNode seq:
                    foreach (var item in seq.Children)
                    {
                        if (!VisitItem(item, parentKey))
                        {
                            Walk(item, parentKey);
                        }
                    }

                    break;
            }
        }
        finally
        {
            _visiting.Remove(node);
        }
    }

    /// <summary>Handles one mapping member; returns true when the value needs no further walking.</summary>
    private bool Visit(string key, YamlNode value, string parentKey) => _platform switch
    {
        PipelinePlatform.GitHubWorkflow or PipelinePlatform.GitHubAction => VisitGitHub(key, value, parentKey),
        PipelinePlatform.GitLab => VisitGitLab(key, value),
        _ => VisitAzure(key, value, parentKey),
    };

    /// <summary>Handles one sequence item whose meaning depends on the sequence's key (GitLab services, includes).</summary>
    private bool VisitItem(YamlNode item, string parentKey)
    {
        if (_platform != PipelinePlatform.GitLab)
        {
            return false;
        }

        switch (parentKey)
        {
            case "include":
                GitLabInclude(item);
                return true;
            case "services" when item is YamlScalarNode s:
                AddImage(s, s.Value ?? "");
                return true;
            case "services" when item is YamlMappingNode m && Child(m, "name") is { } name:
                AddImage(name, name.Value ?? "");
                return true;
            default:
                return false;
        }
    }

    private bool VisitGitHub(string key, YamlNode value, string parentKey)
    {
        if (GitHubOpaque.Contains(key))
        {
            return true;
        }

        if (value is not YamlScalarNode scalar)
        {
            return false;
        }

        var text = scalar.Value ?? "";
        switch (key)
        {
            case "uses":
                Add(ReferenceParser.ParseUses(_file, Line(scalar), text));
                return true;
            case "container":
                AddImage(scalar, StripDocker(text));
                return true;
            case "image" when _platform == PipelinePlatform.GitHubAction && parentKey == "runs":
                // A docker action: docker://image is a registry image, anything else is a Dockerfile in the action.
                if (text.StartsWith("docker://", StringComparison.OrdinalIgnoreCase))
                {
                    AddImage(scalar, StripDocker(text));
                }
                else
                {
                    AddLocal(scalar, text, text);
                }

                return true;
            case "image":
                AddImage(scalar, StripDocker(text));
                return true;
            default:
                return true;
        }
    }

    private bool VisitGitLab(string key, YamlNode value)
    {
        if (GitLabOpaque.Contains(key))
        {
            return true;
        }

        switch (key)
        {
            case "include":
                if (value is YamlSequenceNode)
                {
                    return false; // items are handled by VisitItem
                }

                GitLabInclude(value);
                return true;
            case "image" when value is YamlScalarNode s:
                AddImage(s, s.Value ?? "");
                return true;
            case "image" when value is YamlMappingNode m && Child(m, "name") is { } name:
                AddImage(name, name.Value ?? "");
                return true;
            case "services" when value is YamlSequenceNode:
                return false;
            default:
                return value is YamlScalarNode;
        }
    }

    private void GitLabInclude(YamlNode item)
    {
        if (item is YamlScalarNode s)
        {
            var text = s.Value ?? "";
            if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                Add(new PipelineReference { File = _file, Line = Line(s), Kind = PipelineReferenceKinds.Include, Reference = text, Path = text });
            }
            else
            {
                AddLocal(s, text, text);
            }

            return;
        }

        if (item is YamlSequenceNode seq)
        {
            foreach (var child in seq.Children)
            {
                GitLabInclude(child);
            }

            return;
        }

        if (item is not YamlMappingNode map)
        {
            return;
        }

        if (Child(map, "project") is { } project)
        {
            var (owner, repo) = ReferenceParser.SplitProject(project.Value ?? "");
            var gitRef = Child(map, "ref")?.Value ?? "";
            var files = map.Children.TryGetValue(new YamlScalarNode("file"), out var f)
                ? f is YamlSequenceNode fs ? string.Join(",", fs.Children.OfType<YamlScalarNode>().Select(x => x.Value)) : (f as YamlScalarNode)?.Value ?? ""
                : "";
            var reference = gitRef.Length > 0 ? $"{project.Value}@{gitRef}" : project.Value ?? "";
            Add(new PipelineReference
            {
                File = _file, Line = Line(project), Kind = PipelineReferenceKinds.Include, Reference = reference,
                Owner = owner, Repository = repo, Path = files, Ref = gitRef, RefPinned = ReferenceParser.IsCommitSha(gitRef),
            });
        }
        else if (Child(map, "remote") is { } remote)
        {
            // A remote include is only immutable with a subresource-integrity hash (GitLab 17.9+ "integrity").
            var integrity = Child(map, "integrity")?.Value ?? "";
            Add(new PipelineReference
            {
                File = _file, Line = Line(remote), Kind = PipelineReferenceKinds.Include, Reference = remote.Value ?? "",
                Path = remote.Value ?? "", Ref = integrity, RefPinned = integrity.StartsWith("sha256-", StringComparison.Ordinal),
            });
        }
        else if (Child(map, "component") is { } component)
        {
            var text = component.Value ?? "";
            var at = text.LastIndexOf('@');
            var (owner, repo) = ReferenceParser.SplitProject(at < 0 ? text : text[..at]);
            var version = at < 0 ? "" : text[(at + 1)..];
            Add(new PipelineReference
            {
                File = _file, Line = Line(component), Kind = PipelineReferenceKinds.Include, Reference = text,
                Owner = owner, Repository = repo, Ref = version, RefPinned = ReferenceParser.IsCommitSha(version),
            });
        }
        else if (Child(map, "template") is { } template)
        {
            Add(new PipelineReference { File = _file, Line = Line(template), Kind = PipelineReferenceKinds.Template, Reference = template.Value ?? "", Path = template.Value ?? "" });
        }
        else if (Child(map, "local") is { } local)
        {
            AddLocal(local, local.Value ?? "", local.Value ?? "");
        }
    }

    private void CollectAzureRepositories(YamlNode root)
    {
        if (root is not YamlMappingNode top || Mapping(top, "resources") is not { } resources)
        {
            return;
        }

        if (resources.Children.TryGetValue(new YamlScalarNode("containers"), out var containers) && containers is YamlSequenceNode containerList)
        {
            foreach (var alias in containerList.Children.OfType<YamlMappingNode>().Select(e => Child(e, "container")?.Value).OfType<string>())
            {
                _azureContainers.Add(alias);
            }
        }

        if (!resources.Children.TryGetValue(new YamlScalarNode("repositories"), out var repos) || repos is not YamlSequenceNode list)
        {
            return;
        }

        foreach (var entry in list.Children.OfType<YamlMappingNode>())
        {
            var alias = Child(entry, "repository")?.Value;
            if (alias is not null)
            {
                _azureRepositories[alias] = (Child(entry, "name")?.Value ?? "", Child(entry, "ref")?.Value ?? "");
            }
        }
    }

    private bool VisitAzure(string key, YamlNode value, string parentKey)
    {
        if (AzureOpaque.Contains(key))
        {
            return true;
        }

        if (key == "repository" && parentKey == "repositories" && value is YamlScalarNode alias)
        {
            var (name, gitRef) = _azureRepositories.GetValueOrDefault(alias.Value ?? "", ("", ""));
            var (owner, repo) = ReferenceParser.SplitProject(name);
            Add(new PipelineReference
            {
                File = _file, Line = Line(alias), Kind = PipelineReferenceKinds.Repository,
                Reference = gitRef.Length > 0 ? $"{name}@{gitRef}" : name,
                Owner = owner, Repository = repo, Ref = gitRef, RefPinned = ReferenceParser.IsCommitSha(gitRef),
            });
            return true;
        }

        if (value is not YamlScalarNode scalar)
        {
            return false;
        }

        var text = scalar.Value ?? "";
        switch (key)
        {
            case "task":
                Add(ReferenceParser.ParseTask(_file, Line(scalar), text));
                break;
            case "template":
                AzureTemplate(scalar, text);
                break;
            case "container" when parentKey == "containers" || _azureContainers.Contains(text):
                break; // a container resource alias: its image is recorded at the resource
            case "container" or "image":
                AddImage(scalar, text);
                break;
        }

        return true;
    }

    private void AzureTemplate(YamlScalarNode node, string text)
    {
        var at = text.LastIndexOf('@');
        var alias = at < 0 ? "self" : text[(at + 1)..];
        var path = at < 0 ? text : text[..at];
        if (alias == "self")
        {
            AddLocal(node, text, path);
            return;
        }

        // The template is as pinned as the repository resource it comes from; an unknown alias is unpinned.
        var (name, gitRef) = _azureRepositories.GetValueOrDefault(alias, ("", ""));
        var (owner, repo) = ReferenceParser.SplitProject(name);
        Add(new PipelineReference
        {
            File = _file, Line = Line(node), Kind = PipelineReferenceKinds.Template, Reference = text,
            Owner = owner, Repository = repo, Path = path, Ref = gitRef, RefPinned = ReferenceParser.IsCommitSha(gitRef),
        });
    }

    private void AddImage(YamlScalarNode node, string image)
    {
        if (image.Trim().Length > 0)
        {
            Add(ReferenceParser.ParseImage(_file, Line(node), node.Value ?? "", image));
        }
    }

    private void AddLocal(YamlScalarNode node, string text, string path) =>
        Add(new PipelineReference { File = _file, Line = Line(node), Kind = PipelineReferenceKinds.Local, Reference = text, Path = path });

    private void Add(PipelineReference reference)
    {
        if (_seen.Add((reference.Line, 0, reference.Kind + "\n" + reference.Reference)))
        {
            _references.Add(reference);
        }
    }

    private static string StripDocker(string text) =>
        text.StartsWith("docker://", StringComparison.OrdinalIgnoreCase) ? text["docker://".Length..] : text;

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static YamlScalarNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlScalarNode : null;

    private static YamlMappingNode? Mapping(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlMappingNode : null;
}

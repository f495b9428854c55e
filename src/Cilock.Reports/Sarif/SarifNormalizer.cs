using System.Text.Json.Nodes;

namespace Cilock.Reports.Sarif;

/// <summary>
/// Makes a SARIF 2.1.0 log machine-independent so it can be published and embedded in evidence: every artifact
/// location (results, related locations, code flows, fixes, <c>artifacts</c>, invocations…) that points into the
/// repository becomes a relative URI with <c>uriBaseId</c> <c>%SRCROOT%</c>; locations in a named folder (NuGet
/// packages, the .NET installation) become relative to that base id; any other absolute location keeps only its file
/// name under <c>EXTERNAL</c>. The base ids are declared in <c>originalUriBaseIds</c> without their machine path.
/// Free text (messages, command lines, properties) has the same folders scrubbed. Relative URIs and non-file URIs
/// (<c>https:</c>) are kept. Normalising a normalised log changes nothing.
/// </summary>
public sealed class SarifNormalizer
{
    /// <summary>The base id of the repository root (the name GitHub code scanning expects).</summary>
    public const string SourceRootBaseId = "%SRCROOT%";

    /// <summary>The base id of files outside every known folder: only their file name is kept.</summary>
    public const string ExternalBaseId = "EXTERNAL";

    private readonly string _root;
    private readonly List<(string Id, string Path)> _namedRoots;
    private readonly MachinePathScrubber _scrubber;
    private readonly string? _category;

    /// <summary>Creates a normaliser.</summary>
    /// <exception cref="ArgumentException">The repository root or a named root is not an absolute path.</exception>
    public SarifNormalizer(SarifNormalizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = SarifPath.Canonical(options.RepositoryRoot)
            ?? throw new ArgumentException($"the repository root '{options.RepositoryRoot}' is not an absolute path", nameof(options));
        _namedRoots = [.. options.NamedRoots
            .Select(r => (r.Key, Path: SarifPath.Canonical(r.Value) ?? throw new ArgumentException($"root '{r.Key}' is not an absolute path", nameof(options))))
            .OrderByDescending(r => r.Path.Length)];
        _scrubber = new MachinePathScrubber(options.RepositoryRoot, options.NamedRoots, options.HomeDirectory);
        _category = string.IsNullOrWhiteSpace(options.Category) ? null : options.Category.Trim().TrimEnd('/');
    }

    /// <summary>A normalised copy of <paramref name="log"/> (which must have passed <see cref="SarifDocument.Parse"/>).</summary>
    public JsonObject Normalize(JsonObject log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var copy = (JsonObject)log.DeepClone();
        foreach (var run in copy["runs"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            NormalizeRun(run);
        }

        return copy;
    }

    private void NormalizeRun(JsonObject run)
    {
        // Base ids the producer declared with an absolute location: references to them are resolved first.
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new JsonObject();
        if (run["originalUriBaseIds"] is JsonObject originals)
        {
            foreach (var (id, value) in originals)
            {
                var uri = value is JsonObject o && o["uri"] is JsonValue u && u.TryGetValue<string>(out var s) ? s : null;
                if (uri is not null && SarifPath.LocalPathOf(uri) is not null)
                {
                    declared[id] = uri;
                }
                else if (id is not SourceRootBaseId and not ExternalBaseId && !_namedRoots.Any(r => r.Id == id))
                {
                    // A base id without a machine path (or with an https: one) is already portable.
                    kept[id] = value?.DeepClone();
                }
            }
        }

        var used = new SortedSet<string>(StringComparer.Ordinal);
        Walk(run, declared, used);

        foreach (var id in used)
        {
            kept[id] = new JsonObject
            {
                ["description"] = new JsonObject { ["text"] = Describe(id) },
            };
        }

        // Set in place (an existing member keeps its position), so normalising twice gives the same bytes.
        if (kept.Count > 0)
        {
            run["originalUriBaseIds"] = kept;
        }
        else
        {
            run.Remove("originalUriBaseIds");
        }

        if (_category is not null && run["automationDetails"] is null)
        {
            run["automationDetails"] = new JsonObject { ["id"] = _category + "/" };
        }
    }

    private string Describe(string id) => id switch
    {
        SourceRootBaseId => "The root of the source repository.",
        ExternalBaseId => "A file outside the repository and every known folder; only its name is kept.",
        _ => $"The folder named {id} on the machine that produced this log (its path is not recorded).",
    };

    private void Walk(JsonNode? node, Dictionary<string, string> declared, SortedSet<string> used)
    {
        switch (node)
        {
            case JsonObject obj:
                // Every object with a string "uri" is an artifactLocation in SARIF 2.1.0 (the other URI-valued members
                // have other names: helpUri, informationUri, repositoryUri…).
                if (obj["uri"] is JsonValue uriValue && uriValue.TryGetValue<string>(out var uri))
                {
                    RewriteLocation(obj, uri, declared, used);
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (key == "uri" || key == "uriBaseId")
                    {
                        continue;
                    }

                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (_scrubber.Matches(text))
                        {
                            obj[key] = _scrubber.Scrub(text);
                        }
                    }
                    else
                    {
                        Walk(child, declared, used);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (_scrubber.Matches(text))
                        {
                            array[i] = _scrubber.Scrub(text);
                        }
                    }
                    else
                    {
                        Walk(array[i], declared, used);
                    }
                }

                break;
        }
    }

    private void RewriteLocation(JsonObject location, string uri, Dictionary<string, string> declared, SortedSet<string> used)
    {
        var baseId = location["uriBaseId"] is JsonValue b && b.TryGetValue<string>(out var id) ? id : null;
        string? absolute;
        if (baseId is not null && declared.TryGetValue(baseId, out var baseUri))
        {
            absolute = SarifPath.Resolve(baseUri, uri) ?? SarifPath.LocalPathOf(uri);
        }
        else
        {
            absolute = SarifPath.LocalPathOf(uri);
        }

        if (absolute is null)
        {
            // Already relative (to a portable base id or to nothing) or not a file: nothing machine-specific.
            if (baseId is not null && !declared.ContainsKey(baseId) && (baseId == SourceRootBaseId || baseId == ExternalBaseId || _namedRoots.Any(r => r.Id == baseId)))
            {
                used.Add(baseId);
            }

            return;
        }

        var (newBase, relative) = Locate(absolute);
        location["uri"] = SarifPath.ToRelativeUri(relative);
        location["uriBaseId"] = newBase;
        used.Add(newBase);
    }

    private (string BaseId, string Relative) Locate(string absolute)
    {
        if (SarifPath.RelativeTo(absolute, _root) is { } inRepository)
        {
            return (SourceRootBaseId, inRepository);
        }

        foreach (var (id, path) in _namedRoots)
        {
            if (SarifPath.RelativeTo(absolute, path) is { } inNamed)
            {
                return (id, inNamed);
            }
        }

        return (ExternalBaseId, absolute[(absolute.LastIndexOf('/') + 1)..]);
    }
}

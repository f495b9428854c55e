using System.Text.Json.Nodes;

namespace Cilock.Attestation.Attestors.Slsa;

/// <summary>
/// An in-toto v1 ResourceDescriptor as used by SLSA provenance (<c>resolvedDependencies</c>, <c>byproducts</c>,
/// <c>builderDependencies</c>). Every member is omitted when empty, as in both products' Go structs.
/// </summary>
public sealed record SlsaResourceDescriptor
{
    /// <summary>The resource name (a path, a git remote).</summary>
    public string Name { get; init; } = "";

    /// <summary>The resource URI.</summary>
    public string Uri { get; init; } = "";

    /// <summary>Digests by algorithm name (<c>sha256</c>, <c>sha1</c>, <c>gitoid:sha256</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Digest { get; init; } = new Dictionary<string, string>();

    /// <summary>Inline content, base64 as in the JSON (Go <c>[]byte</c>).</summary>
    public string Content { get; init; } = "";

    /// <summary>Where the resource can be downloaded.</summary>
    public string DownloadLocation { get; init; } = "";

    /// <summary>The media type.</summary>
    public string MediaType { get; init; } = "";

    /// <summary>Free-form annotations, or <c>null</c>.</summary>
    public JsonObject? Annotations { get; init; }

    /// <summary>The JSON object; <paramref name="snakeCase"/> selects Witness' member names.</summary>
    internal JsonObject ToJson(bool snakeCase)
    {
        var o = new JsonObject();
        Add(o, "name", Name);
        Add(o, "uri", Uri);
        if (Digest.Count > 0)
        {
            o["digest"] = SlsaJson.ToObject(Digest);
        }

        Add(o, "content", Content);
        Add(o, snakeCase ? "download_location" : "downloadLocation", DownloadLocation);
        Add(o, snakeCase ? "media_type" : "mediaType", MediaType);
        if (Annotations is { Count: > 0 })
        {
            o["annotations"] = SlsaJson.Sorted(Annotations);
        }

        return o;
    }

    /// <summary>Decodes one descriptor written in either casing.</summary>
    /// <exception cref="Diagnostics.CilockException">CIL6200 for a member of the wrong type.</exception>
    internal static SlsaResourceDescriptor FromJson(JsonNode? node, string path)
    {
        if (node is not JsonObject)
        {
            throw SlsaJson.Invalid($"{path} must be an object");
        }

        return new SlsaResourceDescriptor
        {
            Name = SlsaJson.String(node, "name", "name", path),
            Uri = SlsaJson.String(node, "uri", "uri", path),
            Digest = SlsaJson.StringMap(node, "digest", "digest", path),
            Content = SlsaJson.String(node, "content", "content", path),
            DownloadLocation = SlsaJson.String(node, "downloadLocation", "download_location", path),
            MediaType = SlsaJson.String(node, "mediaType", "media_type", path),
            Annotations = SlsaJson.Object(node, "annotations", "annotations", path)?.DeepClone().AsObject(),
        };
    }

    /// <summary>Decodes a list of descriptors.</summary>
    internal static IReadOnlyList<SlsaResourceDescriptor> ListFromJson(JsonNode? parent, string camel, string snake, string path) =>
        [.. SlsaJson.Array(parent, camel, snake, path).Select((n, i) => FromJson(n, $"{path}.{camel}[{i}]"))];

    private static void Add(JsonObject o, string name, string value)
    {
        if (value.Length > 0)
        {
            o[name] = value;
        }
    }
}

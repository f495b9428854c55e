using Cilock.Rego.Values;
using YamlDotNet.RepresentationModel;

namespace Cilock.Rego.Tests.Conformance;

/// <summary>One case of OPA's YAML conformance suite, read from ../shared/conformance/opa.</summary>
public sealed class ConformanceCase
{
    public required string Id { get; init; }

    public required string Topic { get; init; }

    public required bool V1 { get; init; }

    public required string Query { get; init; }

    public required IReadOnlyList<string> Modules { get; init; }

    internal Value? Data { get; init; }

    internal Value? Input { get; init; }

    public string? InputTerm { get; init; }

    internal List<Value>? WantResult { get; init; }

    public bool SortBindings { get; init; }

    public string? WantError { get; init; }

    public string? WantErrorCode { get; init; }

    public bool StrictError { get; init; }

    public override string ToString() => Id;

    /// <summary>Loads every case below the folder (v0/ and v1/ topics).</summary>
    public static List<ConformanceCase> LoadAll(string root)
    {
        var list = new List<ConformanceCase>();
        foreach (var version in new[] { "v0", "v1" })
        {
            var dir = Path.Combine(root, version);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
                var topic = rel.Split('/')[1];
                var yaml = new YamlStream();
                using (var reader = new StreamReader(file))
                {
                    yaml.Load(reader);
                }

                var doc = (YamlMappingNode)yaml.Documents[0].RootNode;
                foreach (var node in ((YamlSequenceNode)doc["cases"]).Children.Cast<YamlMappingNode>())
                {
                    list.Add(FromNode(node, rel, topic, version == "v1"));
                }
            }
        }

        return list;
    }

    private static ConformanceCase FromNode(YamlMappingNode n, string file, string topic, bool v1)
    {
        YamlNode? Get(string key) => n.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
        string? Str(string key) => (Get(key) as YamlScalarNode)?.Value;
        var modules = Get("modules") is YamlSequenceNode ms ? ms.Children.Select(m => ((YamlScalarNode)m).Value ?? "").ToList() : [];
        var wantNode = Get("want_result");
        return new ConformanceCase
        {
            Id = file + "#" + Str("note"),
            Topic = (v1 ? "v1/" : "v0/") + topic,
            V1 = v1,
            Query = Str("query") ?? "",
            Modules = modules,
            Data = Get("data") is { } d ? ToValue(d) : null,
            Input = Get("input") is { } i ? ToValue(i) : null,
            InputTerm = Str("input_term"),
            WantResult = wantNode is YamlSequenceNode ws ? ws.Children.Select(ToValue).ToList() : null,
            SortBindings = Str("sort_bindings") == "true",
            WantError = Str("want_error"),
            WantErrorCode = Str("want_error_code"),
            StrictError = Str("strict_error") == "true",
        };
    }

    internal static Value ToValue(YamlNode node) => ValueYaml.FromNode(node);
}

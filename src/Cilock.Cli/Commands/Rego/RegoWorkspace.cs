using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Rego;

namespace Cilock.Cli.Commands.Rego;

/// <summary>Loads <c>.rego</c> modules and <c>.json</c> data documents from files and directories for <c>cilock rego</c>.</summary>
internal sealed class RegoWorkspace
{
    private RegoWorkspace(List<RegoModule> modules, string? dataJson)
    {
        Modules = modules;
        DataJson = dataJson;
    }

    public List<RegoModule> Modules { get; }

    public string? DataJson { get; }

    /// <summary>Reads every path (directories recursively, in ordinal order); JSON objects merge into <c>data</c>.</summary>
    public static RegoWorkspace Load(IEnumerable<string> paths)
    {
        var modules = new List<RegoModule>();
        JsonObject? data = null;
        foreach (var file in Expand(paths))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CilockException(PolicyDiagnostics.RegoCompileError, $"{file}: cannot read: {e.Message}");
            }

            if (file.EndsWith(".rego", StringComparison.OrdinalIgnoreCase))
            {
                modules.Add(new RegoModule(file, text));
                continue;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 });
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new CilockException(PolicyDiagnostics.RegoCompileError, $"{file}: invalid JSON: {e.Message}");
            }

            if (node is not JsonObject obj)
            {
                throw new CilockException(PolicyDiagnostics.RegoCompileError, $"{file}: a data document must be a JSON object");
            }

            data = data is null ? obj : Merge(data, obj, file);
        }

        return new RegoWorkspace(modules, data?.ToJsonString());
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                foreach (var f in Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                             .Where(f => f.EndsWith(".rego", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                             .Order(StringComparer.Ordinal))
                {
                    yield return f;
                }
            }
            else if (File.Exists(p))
            {
                yield return p;
            }
            else
            {
                throw new CilockException(PolicyDiagnostics.RegoCompileError, $"{p}: no such file or directory");
            }
        }
    }

    private static JsonObject Merge(JsonObject into, JsonObject from, string file)
    {
        foreach (var (k, v) in from.ToList())
        {
            from.Remove(k);
            if (into[k] is JsonObject a && v is JsonObject b)
            {
                Merge(a, b, file);
            }
            else if (into.ContainsKey(k))
            {
                throw new CilockException(PolicyDiagnostics.RegoCompileError, $"{file}: data key '{k}' conflicts with another data file");
            }
            else
            {
                into[k] = v;
            }
        }

        return into;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cilock.Rego;

/// <summary>All solutions of a query; serialises to <c>opa eval</c>'s JSON shape.</summary>
public sealed class RegoQueryResult
{
    internal RegoQueryResult(IReadOnlyList<RegoResult> results) => Results = results;

    /// <summary>The solutions; empty when the query is undefined.</summary>
    public IReadOnlyList<RegoResult> Results { get; }

    /// <summary>True when the query had no solution.</summary>
    public bool IsUndefined => Results.Count == 0;

    /// <summary>
    /// <c>{"result":[{"expressions":[{"value":…,"text":…,"location":{"row":1,"col":1}}],"bindings":{…}}]}</c>, or
    /// <c>{}</c> when undefined.
    /// </summary>
    public string ToJson(bool indented = false)
    {
        var root = new JsonObject();
        if (Results.Count > 0)
        {
            var arr = new JsonArray();
            foreach (var r in Results)
            {
                var exprs = new JsonArray();
                foreach (var e in r.Expressions)
                {
                    exprs.Add(new JsonObject
                    {
                        ["value"] = e.Value?.DeepClone(),
                        ["text"] = e.Text,
                        ["location"] = new JsonObject { ["row"] = e.Row, ["col"] = e.Column },
                    });
                }

                var item = new JsonObject { ["expressions"] = exprs };
                if (r.Bindings.Count > 0)
                {
                    var b = new JsonObject();
                    foreach (var (k, v) in r.Bindings)
                    {
                        b[k] = v?.DeepClone();
                    }

                    item["bindings"] = b;
                }

                arr.Add(item);
            }

            root["result"] = arr;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}

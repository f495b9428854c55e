using System.Text.Json.Nodes;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Attestors.Environment;

/// <summary>The environment attestation: <c>{os, hostname, username, variables?}</c>.</summary>
/// <param name="Os">GOOS-style OS name (<c>linux</c>, <c>windows</c>, <c>darwin</c>).</param>
/// <param name="Hostname">The host name.</param>
/// <param name="Username">The user name.</param>
/// <param name="Variables">The recorded variables (sensitive values already masked).</param>
public sealed record EnvironmentPredicate(string Os, string Hostname, string Username, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>The JSON object (<c>variables</c> omitted when empty, keys sorted).</summary>
    public JsonObject ToJson()
    {
        var result = new JsonObject { ["os"] = Os, ["hostname"] = Hostname, ["username"] = Username };
        if (Variables.Count > 0)
        {
            var vars = new JsonObject();
            foreach (var (k, v) in Variables.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                vars[k] = v;
            }

            result["variables"] = vars;
        }

        return result;
    }

    /// <summary>Decodes an environment attestation (either dialect).</summary>
    /// <exception cref="System.Text.Json.JsonException">When a member has the wrong type.</exception>
    public static EnvironmentPredicate FromJson(JsonNode? node)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (GoJson.Get(node, "variables") is JsonObject vars)
        {
            foreach (var (k, v) in vars)
            {
                variables[k] = v?.GetValue<string>() ?? "";
            }
        }

        return new EnvironmentPredicate(GoJson.GetString(node, "os"), GoJson.GetString(node, "hostname"), GoJson.GetString(node, "username"), variables);
    }
}

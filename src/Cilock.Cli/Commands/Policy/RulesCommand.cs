using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Rules;

namespace Cilock.Cli.Commands.Policy;

/// <summary>
/// <c>cilock policy rules [NAME] [--json] [--param NAME=JSON]…</c>: lists the built-in rules (name, attestation types,
/// description, parameters) or prints one rule as a self-contained Rego module for a policy's <c>regopolicies</c>.
/// </summary>
internal sealed partial class RulesCommand : Command
{
    /// <summary>Creates the command.</summary>
    public RulesCommand()
        : base("rules", "List the built-in Rego rules, or print one as a self-contained module (parameters written in)")
    {
        var name = new Argument<string?>("name") { Description = "A rule to print as a module (omit to list every rule)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "List the rules as JSON" };
        var parameters = new Option<string[]>("--param") { Description = "A parameter value for the printed module: NAME=JSON, e.g. allowed_owners='[\"actions\"]'", AllowMultipleArgumentsPerToken = false };
        Arguments.Add(name);
        Options.Add(json);
        Options.Add(parameters);
        SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var rule = parse.GetValue(name);
            if (rule is null)
            {
                output.Write(parse.GetValue(json) ? ListJson() : ListText());
                return 0;
            }

            output.Write(PolicyRuleLibrary.Render(rule, ParseParameters(parse.GetValue(parameters) ?? [])).Source);
            return 0;
        });
    }

    /// <summary>The rules as a text table, one block per rule.</summary>
    internal static string ListText()
    {
        var writer = new StringWriter { NewLine = "\n" };
        foreach (var rule in PolicyRuleLibrary.Rules)
        {
            writer.WriteLine($"{rule.Name}");
            writer.WriteLine($"  {rule.Description}");
            writer.WriteLine($"  types: {string.Join(", ", rule.AttestationTypes)}");
            foreach (var p in rule.Parameters)
            {
                var presence = p.Required ? "required" : $"default {p.Default?.ToJsonString()}";
                writer.WriteLine($"  param {p.Name} ({presence}): {p.Description}");
            }
        }

        return writer.ToString();
    }

    /// <summary>The rules as a JSON array.</summary>
    internal static string ListJson()
    {
        var array = new JsonArray();
        foreach (var rule in PolicyRuleLibrary.Rules)
        {
            array.Add(new JsonObject
            {
                ["name"] = rule.Name,
                ["attestationTypes"] = new JsonArray([.. rule.AttestationTypes.Select(t => (JsonNode)t)]),
                ["description"] = rule.Description,
                ["parameters"] = new JsonArray([.. rule.Parameters.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name,
                    ["description"] = p.Description,
                    ["required"] = p.Required,
                    ["default"] = p.Default?.DeepClone(),
                })]),
            });
        }

        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Parses a <c>policy new --rule</c> value: <c>NAME</c> or <c>NAME:P=JSON</c>, several parameters separated by
    /// <c>;</c> (a <c>;</c> only separates when a parameter name and <c>=</c> follow, so JSON strings may contain it).
    /// </summary>
    /// <exception cref="CilockException">CIL3261 for a malformed parameter.</exception>
    internal static PolicyRuleRequest ParseRuleRequest(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new PolicyRuleRequest(value.Trim(), new Dictionary<string, JsonNode?>());
        }

        var pairs = ParameterSeparator().Split(value[(colon + 1)..]).Where(p => p.Length > 0);
        return new PolicyRuleRequest(value[..colon].Trim(), ParseParameters(pairs));
    }

    /// <summary>Parses <c>NAME=JSON</c> pairs.</summary>
    /// <exception cref="CilockException">CIL3261 for a pair without <c>=</c> or with invalid JSON.</exception>
    internal static Dictionary<string, JsonNode?> ParseParameters(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CilockException(RuleDiagnostics.InvalidParameter, $"--param '{pair}' must be NAME=JSON");
            }

            try
            {
                result[pair[..eq].Trim()] = JsonNode.Parse(pair[(eq + 1)..]);
            }
            catch (JsonException e)
            {
                throw new CilockException(RuleDiagnostics.InvalidParameter, $"--param {pair[..eq]}: the value is not JSON ({e.Message})");
            }
        }

        return result;
    }

    [GeneratedRegex(@";(?=\s*[A-Za-z_][A-Za-z0-9_]*=)")]
    private static partial Regex ParameterSeparator();
}

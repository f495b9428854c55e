using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Rego;

namespace Cilock.Policy.Rules;

/// <summary>
/// The built-in policy rules (embedded <c>.rego</c> modules + <c>rules.json</c> metadata). A rule is used either
/// compiled with its parameters as <c>data</c> (<see cref="Compile"/>) or rendered into a self-contained module with the
/// parameter values written in (<see cref="Render"/>), which is what goes into a policy file's <c>regopolicies</c>
/// (policy files carry modules, not data).
/// </summary>
public static class PolicyRuleLibrary
{
    private const string ResourcePrefix = "Cilock.Policy.Rules.";
    private static readonly Lazy<IReadOnlyList<PolicyRule>> Loaded = new(Load);

    /// <summary>Every built-in rule, in catalog order.</summary>
    public static IReadOnlyList<PolicyRule> Rules => Loaded.Value;

    /// <summary>The rule named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="CilockException">CIL3260 when there is no such rule.</exception>
    public static PolicyRule Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Rules.FirstOrDefault(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new CilockException(RuleDiagnostics.UnknownRule, $"unknown rule '{name}'; built-in rules: {string.Join(", ", Rules.Select(r => r.Name))}");
    }

    /// <summary>Compiles the rule with its parameters under <c>data.cilock.params</c>.</summary>
    /// <exception cref="CilockException">CIL3260 unknown rule; CIL3261 missing, unknown or mistyped parameter.</exception>
    public static CompiledPolicy Compile(string name, IReadOnlyDictionary<string, JsonNode?>? parameters = null)
    {
        var rule = Get(name);
        var values = ResolveParameters(rule, parameters);
        var data = new JsonObject { ["cilock"] = new JsonObject { ["params"] = values } };
        return RegoCompiler.Compile([new RegoModule(rule.FileName, rule.Source)], data.ToJsonString());
    }

    /// <summary>
    /// The rule as a self-contained module: each <c>NAME := data.cilock.params.NAME</c> binding is replaced by the
    /// parameter's JSON value (JSON arrays and strings are valid Rego terms).
    /// </summary>
    /// <exception cref="CilockException">CIL3260 unknown rule; CIL3261 missing, unknown or mistyped parameter.</exception>
    public static RegoModule Render(string name, IReadOnlyDictionary<string, JsonNode?>? parameters = null)
    {
        var rule = Get(name);
        var values = ResolveParameters(rule, parameters);
        var source = rule.Source;
        foreach (var p in rule.Parameters)
        {
            var binding = $"{p.Name} := data.cilock.params.{p.Name}";
            if (!source.Contains(binding, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"built-in rule '{rule.Name}' does not bind parameter '{p.Name}' as '{binding}'");
            }

            source = source.Replace(binding, $"{p.Name} := {values[p.Name]!.ToJsonString()}", StringComparison.Ordinal);
        }

        return new RegoModule(rule.FileName, source);
    }

    /// <summary>Checks <paramref name="parameters"/> against the rule and fills in defaults.</summary>
    internal static JsonObject ResolveParameters(PolicyRule rule, IReadOnlyDictionary<string, JsonNode?>? parameters)
    {
        parameters ??= new Dictionary<string, JsonNode?>();
        var unknown = parameters.Keys.FirstOrDefault(k => rule.Parameters.All(p => p.Name != k));
        if (unknown is not null)
        {
            throw new CilockException(RuleDiagnostics.InvalidParameter, $"rule '{rule.Name}' has no parameter '{unknown}'");
        }

        var values = new JsonObject();
        foreach (var p in rule.Parameters)
        {
            var value = parameters.TryGetValue(p.Name, out var given) ? given : p.Default;
            if (value is null)
            {
                throw new CilockException(RuleDiagnostics.InvalidParameter, $"rule '{rule.Name}' needs parameter '{p.Name}': {p.Description}");
            }

            if (value is not JsonArray array || array.Any(e => e is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                throw new CilockException(RuleDiagnostics.InvalidParameter, $"parameter '{p.Name}' of rule '{rule.Name}' must be a JSON array of strings");
            }

            values[p.Name] = array.DeepClone();
        }

        return values;
    }

    private static IReadOnlyList<PolicyRule> Load()
    {
        var assembly = typeof(PolicyRuleLibrary).Assembly;
        var catalog = JsonNode.Parse(ReadResource(assembly, "rules.json"))!.AsArray();
        var rules = new List<PolicyRule>();
        foreach (var entry in catalog)
        {
            var e = entry!.AsObject();
            var file = e["file"]!.GetValue<string>();
            rules.Add(new PolicyRule(
                e["name"]!.GetValue<string>(),
                [.. e["attestationTypes"]!.AsArray().Select(t => t!.GetValue<string>())],
                e["description"]!.GetValue<string>(),
                [.. e["parameters"]!.AsArray().Select(p => new PolicyRuleParameter(
                    p!["name"]!.GetValue<string>(),
                    p["description"]!.GetValue<string>(),
                    p["required"]?.GetValue<bool>() ?? false,
                    p["default"]?.DeepClone()))],
                file,
                ReadResource(assembly, file)));
        }

        return rules;
    }

    private static string ReadResource(Assembly assembly, string file)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"embedded rule resource '{file}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.Text.Json.Nodes;

namespace Cilock.Policy.Rules;

/// <summary>A parameter of a built-in rule; its value (a JSON array of strings) is read from <c>data.cilock.params</c>.</summary>
/// <param name="Name">The parameter name (a Rego identifier).</param>
/// <param name="Description">What the parameter means.</param>
/// <param name="Required">Whether the rule refuses to compile without a value.</param>
/// <param name="Default">The value used when none is given (only for optional parameters).</param>
public sealed record PolicyRuleParameter(string Name, string Description, bool Required, JsonNode? Default);

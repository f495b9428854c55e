using System.Text.Json.Nodes;

namespace Cilock.Policy.Rules;

/// <summary>A built-in rule to add to a scaffolded policy (<c>cilock policy new --rule NAME[:PARAMS]</c>).</summary>
/// <param name="Name">The rule name, e.g. <c>actions-pinned</c>.</param>
/// <param name="Parameters">Its parameter values (JSON); missing ones take the rule's defaults.</param>
public sealed record PolicyRuleRequest(string Name, IReadOnlyDictionary<string, JsonNode?> Parameters);

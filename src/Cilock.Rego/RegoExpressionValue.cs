using System.Text.Json.Nodes;

namespace Cilock.Rego;

/// <summary>The value of one query expression, as in <c>opa eval</c>'s <c>expressions[]</c>.</summary>
/// <param name="Value">The value as JSON (sets as arrays, non-string keys as their JSON text).</param>
/// <param name="Text">The expression's source text.</param>
/// <param name="Row">1-based row of the expression in the query.</param>
/// <param name="Column">1-based column of the expression in the query.</param>
public sealed record RegoExpressionValue(JsonNode? Value, string Text, int Row, int Column);

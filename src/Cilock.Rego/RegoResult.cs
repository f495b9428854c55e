using System.Text.Json.Nodes;

namespace Cilock.Rego;

/// <summary>One solution of a query: expression values and variable bindings.</summary>
public sealed class RegoResult
{
    internal RegoResult(IReadOnlyList<RegoExpressionValue> expressions, IReadOnlyDictionary<string, JsonNode?> bindings)
    {
        Expressions = expressions;
        Bindings = bindings;
    }

    /// <summary>The value of each query expression, in query order.</summary>
    public IReadOnlyList<RegoExpressionValue> Expressions { get; }

    /// <summary>The query's named variables and their values (JSON).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Bindings { get; }
}

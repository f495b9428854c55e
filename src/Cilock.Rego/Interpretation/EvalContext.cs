using Cilock.Rego.Builtins;
using Cilock.Rego.Compilation;
using Cilock.Rego.Values;

namespace Cilock.Rego.Interpretation;

/// <summary>A replacement installed by <c>with</c> for a function or built-in.</summary>
internal sealed record FunctionMock(RuleNode? Function, BuiltinDef? Builtin, Value? Constant);

/// <summary>
/// The documents an evaluation sees: input, data overrides and function mocks from <c>with</c>, and the caches that
/// are only valid for exactly those documents (a <c>with</c> gets a fresh context, as in OPA).
/// </summary>
internal sealed class EvalContext
{
    public Value? Input { get; init; }

    public List<(string[] Path, Value Value)>? DataOverrides { get; init; }

    public Dictionary<string, FunctionMock>? Mocks { get; init; }

    public Dictionary<RuleNode, Value?> RuleCache { get; } = [];

    public HashSet<RuleNode> InProgress { get; } = [];

    public Dictionary<(RuleNode, ArrayValue), Value?> FunctionCache { get; } = [];

    /// <summary>The base data of this context (overrides applied lazily along refs).</summary>
    public EvalContext Derive(Value? input, List<(string[] Path, Value Value)>? overrides, Dictionary<string, FunctionMock>? mocks) => new()
    {
        Input = input,
        DataOverrides = overrides,
        Mocks = mocks,
    };
}

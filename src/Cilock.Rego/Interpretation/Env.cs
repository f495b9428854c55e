using Cilock.Rego.Values;

namespace Cilock.Rego.Interpretation;

/// <summary>Variable bindings of one rule body (comprehensions share their enclosing body's bindings).</summary>
internal sealed class Env
{
    private readonly Dictionary<string, Value> _vars = new(StringComparer.Ordinal);

    public Value? Get(string name) => _vars.TryGetValue(name, out var v) ? v : null;

    public bool IsBound(string name) => _vars.ContainsKey(name);

    public void Bind(string name, Value v) => _vars[name] = v;

    public void Unbind(string name) => _vars.Remove(name);
}

using Cilock.Rego.Ast;

namespace Cilock.Rego.Compilation;

/// <summary>
/// A node of the virtual document tree under <c>data</c>: packages and ref-head segments become children; rules hang
/// on the node of their leading string path.
/// </summary>
internal sealed class RuleNode(string[] path)
{
    public string[] Path { get; } = path;

    public Dictionary<string, RuleNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>Single- and multi-value rules (with their else chains) whose node is this one.</summary>
    public List<Rule> Rules { get; } = [];

    public List<Rule> Functions { get; } = [];

    public Rule? Default { get; set; }

    public Rule? DefaultFunction { get; set; }

    public bool HasRules => Rules.Count > 0 || Default is not null;

    public bool IsFunction => Functions.Count > 0 || DefaultFunction is not null;

    public string DisplayPath => "data." + string.Join('.', Path);

    public RuleNode GetOrAdd(string key)
    {
        if (!Children.TryGetValue(key, out var c))
        {
            c = new RuleNode([.. Path, key]);
            Children[key] = c;
        }

        return c;
    }

    public RuleNode? Find(IReadOnlyList<string> path)
    {
        var n = this;
        foreach (var p in path)
        {
            if (!n.Children.TryGetValue(p, out n))
            {
                return null;
            }
        }

        return n;
    }

    /// <summary>Whether this node or a descendant has rules (so it is virtual, not only base data).</summary>
    public bool ContainsRules() => HasRules || Children.Values.Any(c => c.ContainsRules());

    public IEnumerable<RuleNode> Descendants()
    {
        yield return this;
        foreach (var c in Children.Values)
        {
            foreach (var d in c.Descendants())
            {
                yield return d;
            }
        }
    }
}

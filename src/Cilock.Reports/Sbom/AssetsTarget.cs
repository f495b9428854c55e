namespace Cilock.Reports.Sbom;

/// <summary>The restore graph of one target (target framework, optionally with a runtime identifier).</summary>
/// <param name="Name">The <c>targets</c> key, e.g. <c>net10.0</c> or <c>net10.0/linux-x64</c>.</param>
/// <param name="Edges">Library key → keys of the libraries it depends on in this target.</param>
/// <param name="Direct">Direct dependencies (library key) → <c>true</c> when development-only (private assets all).</param>
internal sealed record AssetsTarget(
    string Name,
    IReadOnlyDictionary<string, SortedSet<string>> Edges,
    IReadOnlyDictionary<string, bool> Direct)
{
    /// <summary>The target framework part of <see cref="Name"/>.</summary>
    public string Framework => Name.Split('/')[0];

    /// <summary>Libraries reachable from the direct dependencies that flow to consumers.</summary>
    public HashSet<string> Required()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(Direct.Where(d => !d.Value).Select(d => d.Key));
        while (stack.Count > 0)
        {
            var key = stack.Pop();
            if (seen.Add(key) && Edges.TryGetValue(key, out var next))
            {
                foreach (var n in next)
                {
                    stack.Push(n);
                }
            }
        }

        return seen;
    }
}

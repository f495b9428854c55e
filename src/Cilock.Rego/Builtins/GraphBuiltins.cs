using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Graph traversal (<c>graph.reachable</c>, <c>graph.reachable_paths</c>) and <c>walk</c>.</summary>
internal static class GraphBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("graph.reachable", 2, (c, a) =>
        {
            var graph = Obj(a, 0);
            var seen = new HashSet<Value>();
            var queue = new Queue<Value>(Elements(a, 1));
            while (queue.Count > 0)
            {
                c.Cancellation.ThrowIfCancellationRequested();
                var node = queue.Dequeue();
                if (graph.Get(node) is not { } edges || !seen.Add(node))
                {
                    continue;
                }

                foreach (var e in Neighbours(edges))
                {
                    queue.Enqueue(e);
                }
            }

            return new SetValue(seen);
        });
        t.Add("graph.reachable_paths", 2, (c, a) =>
        {
            var graph = Obj(a, 0);
            var paths = new HashSet<Value>();
            foreach (var start in Elements(a, 1))
            {
                if (graph.Get(start) is null)
                {
                    continue;
                }

                Walk(graph, [start], paths, c);
            }

            return new SetValue(paths);
        });
        t["walk"] = new BuiltinDef("walk", 1, (c, a) =>
        {
            var results = new List<Value>();
            WalkValue(a[0], [], results, c);
            return new ArrayValue(results.ToArray());
        }) { Relation = true };
    }

    private static IEnumerable<Value> Neighbours(Value edges) => edges switch
    {
        ArrayValue arr => arr.Items,
        SetValue s => s.Sorted,
        _ => [],
    };

    private static void Walk(ObjectValue graph, List<Value> path, HashSet<Value> paths, BuiltinContext c)
    {
        c.CheckSize(paths.Count);
        var last = path[^1];
        var next = graph.Get(last) is { } edges ? Neighbours(edges).Where(n => !path.Contains(n) && graph.Get(n) is not null).ToList() : [];
        if (next.Count == 0)
        {
            paths.Add(new ArrayValue(path.ToArray()));
            return;
        }

        foreach (var n in next)
        {
            path.Add(n);
            Walk(graph, path, paths, c);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void WalkValue(Value v, List<Value> path, List<Value> results, BuiltinContext c)
    {
        c.CheckSize(results.Count + 1);
        results.Add(new ArrayValue([new ArrayValue(path.ToArray()), v]));
        switch (v)
        {
            case ArrayValue arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    path.Add(N(i));
                    WalkValue(arr.Items[i], path, results, c);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case ObjectValue o:
                foreach (var (k, x) in o.SortedPairs())
                {
                    path.Add(k);
                    WalkValue(x, path, results, c);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case SetValue s:
                foreach (var x in s.Sorted)
                {
                    path.Add(x);
                    WalkValue(x, path, results, c);
                    path.RemoveAt(path.Count - 1);
                }

                break;
        }
    }
}

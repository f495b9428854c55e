using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Set operations (<c>&amp;</c>, <c>|</c>, intersection, union).</summary>
internal static class SetBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("and", 2, (_, a) =>
        {
            var x = Set(a, 0);
            var y = Set(a, 1);
            return new SetValue(x.Items.Where(y.Contains));
        });
        // Deprecated v0 built-in, still accepted by OPA's v0 compatibility mode.
        t.Add("set_diff", 2, (_, a) =>
        {
            var x = Set(a, 0);
            var y = Set(a, 1);
            return new SetValue(x.Items.Where(v => !y.Contains(v)));
        });
        t.Add("or", 2, (_, a) => new SetValue(Set(a, 0).Items.Concat(Set(a, 1).Items)));
        t.Add("intersection", 1, (_, a) =>
        {
            HashSet<Value>? acc = null;
            foreach (var s in Set(a, 0).Items)
            {
                var inner = s as SetValue ?? throw TypeError(1, "set of sets", a[0]);
                if (acc is null)
                {
                    acc = [.. inner.Items];
                }
                else
                {
                    acc.IntersectWith(inner.Items);
                }
            }

            return new SetValue(acc ?? []);
        });
        t.Add("union", 1, (_, a) =>
        {
            var acc = new HashSet<Value>();
            foreach (var s in Set(a, 0).Items)
            {
                acc.UnionWith((s as SetValue ?? throw TypeError(1, "set of sets", a[0])).Items);
            }

            return new SetValue(acc);
        });
    }
}

using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Array built-ins.</summary>
internal static class ArrayBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("array.concat", 2, (c, a) =>
        {
            var x = Arr(a, 0);
            var y = Arr(a, 1);
            c.CheckSize((long)x.Count + y.Count);
            return new ArrayValue([.. x.Items, .. y.Items]);
        });
        t.Add("array.slice", 3, (_, a) =>
        {
            var arr = Arr(a, 0);
            var start = Math.Max(0, Int(a, 1));
            var stop = Math.Min(arr.Count, Int(a, 2));
            return start >= stop ? ArrayValue.Empty : new ArrayValue(arr.Items[start..stop]);
        });
        t.Add("array.reverse", 1, (_, a) => new ArrayValue(Arr(a, 0).Items.Reverse()));
        t.Add("array.flatten", 1, (_, a) =>
        {
            var list = new List<Value>();
            Flatten(Arr(a, 0), list);
            return new ArrayValue(list.ToArray());
        });
    }

    // One level only: nested arrays inside nested arrays stay arrays (OPA's array.flatten).
    private static void Flatten(ArrayValue arr, List<Value> into)
    {
        foreach (var x in arr.Items)
        {
            if (x is ArrayValue inner)
            {
                into.AddRange(inner.Items);
            }
            else
            {
                into.Add(x);
            }
        }
    }
}

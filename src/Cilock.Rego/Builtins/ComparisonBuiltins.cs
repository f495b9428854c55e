using Cilock.Rego.Values;

namespace Cilock.Rego.Builtins;

/// <summary>Comparison and membership (<c>==</c>, <c>&lt;</c>, <c>in</c>…), total over all values as in OPA.</summary>
internal static class ComparisonBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("equal", 2, (_, a) => BoolValue.Of(a[0].Equals(a[1])));
        t.Add("neq", 2, (_, a) => BoolValue.Of(!a[0].Equals(a[1])));
        t.Add("lt", 2, (_, a) => BoolValue.Of(a[0].CompareTo(a[1]) < 0));
        t.Add("lte", 2, (_, a) => BoolValue.Of(a[0].CompareTo(a[1]) <= 0));
        t.Add("gt", 2, (_, a) => BoolValue.Of(a[0].CompareTo(a[1]) > 0));
        t.Add("gte", 2, (_, a) => BoolValue.Of(a[0].CompareTo(a[1]) >= 0));
        t.Add("internal.member_2", 2, (_, a) => BoolValue.Of(a[1] switch
        {
            ArrayValue arr => arr.Items.Any(x => x.Equals(a[0])),
            SetValue s => s.Contains(a[0]),
            ObjectValue o => o.Items.Values.Any(x => x.Equals(a[0])),
            _ => false,
        }));
        t.Add("internal.member_3", 3, (_, a) => BoolValue.Of(a[2] switch
        {
            ArrayValue arr => a[0] is NumberValue n && n.TryToInt32(out var i) && i >= 0 && i < arr.Count && arr.Items[i].Equals(a[1]),
            ObjectValue o => o.Get(a[0]) is { } v && v.Equals(a[1]),
            SetValue s => a[0].Equals(a[1]) && s.Contains(a[0]),
            _ => false,
        }));
    }
}

using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Aggregates: count, sum, product, max, min, sort, all, any.</summary>
internal static class AggregateBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("count", 1, (_, a) => a[0] switch
        {
            ArrayValue x => N(x.Count),
            SetValue x => N(x.Count),
            ObjectValue x => N(x.Count),
            StringValue s => N(s.Value.EnumerateRunes().Count()),
            _ => throw TypeError(1, "one of {array, object, set, string}", a[0]),
        });
        t.Add("sum", 1, (_, a) => Elements(a, 0).Aggregate(NumberValue.Zero, (acc, x) => NumberValue.Add(acc, x as NumberValue ?? throw TypeError(1, "one of {array[number], set[number]}", a[0]))));
        t.Add("product", 1, (_, a) => Elements(a, 0).Aggregate(NumberValue.One, (acc, x) => NumberValue.Multiply(acc, x as NumberValue ?? throw TypeError(1, "one of {array[number], set[number]}", a[0]))));
        t.Add("max", 1, (_, a) => Elements(a, 0).ToArray() is { Length: > 0 } xs ? xs.Max() : null);
        t.Add("min", 1, (_, a) => Elements(a, 0).ToArray() is { Length: > 0 } xs ? xs.Min() : null);
        t.Add("sort", 1, (_, a) =>
        {
            var items = Elements(a, 0).ToArray();
            Array.Sort(items);
            return new ArrayValue(items);
        });
        t.Add("all", 1, (_, a) => B(Elements(a, 0).All(x => x is BoolValue { Value: true })));
        t.Add("any", 1, (_, a) => B(Elements(a, 0).Any(x => x is BoolValue { Value: true })));
    }
}

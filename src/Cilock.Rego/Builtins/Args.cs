using System.Numerics;
using Cilock.Rego.Values;

namespace Cilock.Rego.Builtins;

/// <summary>Argument checks shared by the built-ins; failures are OPA-style type errors.</summary>
internal static class Args
{
    public static BuiltinException TypeError(int operand, string expected, Value got) =>
        new($"operand {operand} must be {expected} but got {got.TypeName}", typeError: true);

    public static string Str(Value[] a, int i) => a[i] is StringValue s ? s.Value : throw TypeError(i + 1, "string", a[i]);

    public static NumberValue Num(Value[] a, int i) => a[i] is NumberValue n ? n : throw TypeError(i + 1, "number", a[i]);

    public static int Int(Value[] a, int i)
    {
        var n = Num(a, i);
        if (!n.IsInteger)
        {
            throw new BuiltinException($"operand {i + 1} must be integer number but got floating-point number", typeError: true);
        }

        return n.TryToInt32(out var v) ? v : throw new BuiltinException($"operand {i + 1} is out of range");
    }

    public static BigInteger BigInt(Value[] a, int i)
    {
        var n = Num(a, i);
        return n.IsInteger ? n.ToBigInteger() : throw new BuiltinException($"operand {i + 1} must be integer number but got floating-point number", typeError: true);
    }

    public static ArrayValue Arr(Value[] a, int i) => a[i] as ArrayValue ?? throw TypeError(i + 1, "array", a[i]);

    public static ObjectValue Obj(Value[] a, int i) => a[i] as ObjectValue ?? throw TypeError(i + 1, "object", a[i]);

    public static SetValue Set(Value[] a, int i) => a[i] as SetValue ?? throw TypeError(i + 1, "set", a[i]);

    public static bool Bool(Value[] a, int i) => a[i] is BoolValue b ? b.Value : throw TypeError(i + 1, "boolean", a[i]);

    /// <summary>Elements of an array or set (collection operands).</summary>
    public static IEnumerable<Value> Elements(Value[] a, int i, string expected = "one of {array, set}") => a[i] switch
    {
        ArrayValue arr => arr.Items,
        SetValue s => s.Sorted,
        _ => throw TypeError(i + 1, expected, a[i]),
    };

    /// <summary>A string, or an array/set of strings (any_prefix_match style).</summary>
    public static List<string> Strings(Value[] a, int i)
    {
        switch (a[i])
        {
            case StringValue s:
                return [s.Value];
            case ArrayValue or SetValue:
                var list = new List<string>();
                foreach (var x in a[i] is ArrayValue arr ? arr.Items : ((SetValue)a[i]).Sorted)
                {
                    list.Add(x is StringValue xs ? xs.Value : throw new BuiltinException($"operand {i + 1} must be array of strings but got array containing {x.TypeName}", typeError: true));
                }

                return list;
            default:
                throw TypeError(i + 1, "one of {string, set, array}", a[i]);
        }
    }

    public static StringValue S(string s) => new(s);

    public static NumberValue N(long n) => NumberValue.Of(n);

    public static BoolValue B(bool b) => BoolValue.Of(b);

    public static ObjectValue ObjFrom(IEnumerable<KeyValuePair<string, Value>> items)
    {
        var d = new Dictionary<Value, Value>();
        foreach (var (k, v) in items)
        {
            d[new StringValue(k)] = v;
        }

        return new ObjectValue(d);
    }
}

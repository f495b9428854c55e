using System.Numerics;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Arithmetic (exact decimals), rounding, ranges, bit operations and <c>to_number</c>.</summary>
internal static class NumberBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("plus", 2, (_, a) => NumberValue.Add(Num(a, 0), Num(a, 1)));
        t.Add("minus", 2, (_, a) =>
        {
            if (a[0] is SetValue s1 && a[1] is SetValue s2)
            {
                return new SetValue(s1.Items.Where(x => !s2.Contains(x)));
            }

            if (a[0] is SetValue)
            {
                throw TypeError(2, "set", a[1]);
            }

            if (a[0] is not NumberValue)
            {
                throw TypeError(1, "one of {number, set}", a[0]);
            }

            return NumberValue.Subtract(Num(a, 0), a[1] is NumberValue n ? n : throw TypeError(2, "number", a[1]));
        });
        t.Add("mul", 2, (_, a) => NumberValue.Multiply(Num(a, 0), Num(a, 1)));
        t.Add("div", 2, (_, a) => NumberValue.Divide(Num(a, 0), Num(a, 1)) ?? throw new BuiltinException("divide by zero"));
        t.Add("rem", 2, (_, a) =>
        {
            var x = Num(a, 0);
            var y = Num(a, 1);
            if (!x.IsInteger || !y.IsInteger)
            {
                throw new BuiltinException("modulo on floating-point number");
            }

            return NumberValue.Remainder(x, y) ?? throw new BuiltinException("modulo by zero");
        });
        t.Add("abs", 1, (_, a) => Num(a, 0).Abs());
        t.Add("round", 1, (_, a) => Num(a, 0).Round());
        t.Add("ceil", 1, (_, a) => Num(a, 0).Ceiling());
        t.Add("floor", 1, (_, a) => Num(a, 0).Floor());
        t.Add("numbers.range", 2, (c, a) => Range(c, BigInt(a, 0), BigInt(a, 1), 1));
        t.Add("numbers.range_step", 3, (c, a) =>
        {
            var step = BigInt(a, 2);
            if (step <= 0)
            {
                throw new BuiltinException("step must be a positive number above zero");
            }

            return Range(c, BigInt(a, 0), BigInt(a, 1), step);
        });
        t["rand.intn"] = new BuiltinDef("rand.intn", 2, (_, a) =>
        {
            var n = Int(a, 1);
            return n == 0 ? NumberValue.Zero : N(Random.Shared.Next(Math.Abs(n)));
        }) { NonDeterministic = true };
        t.Add("to_number", 1, (_, a) => a[0] switch
        {
            NullValue => NumberValue.Zero,
            BoolValue b => b.Value ? NumberValue.One : NumberValue.Zero,
            NumberValue n => n,
            StringValue s => NumberValue.TryParse(s.Value, out var n) && !s.Value.Contains("_", StringComparison.Ordinal) && !s.Value.StartsWith('+')
                ? n
                : throw new BuiltinException($"strconv.ParseFloat: parsing \"{s.Value}\": invalid syntax"),
            _ => throw TypeError(1, "one of {null, boolean, number, string}", a[0]),
        });
        t.Add("bits.and", 2, (_, a) => NumberValue.Of(BigInt(a, 0) & BigInt(a, 1)));
        t.Add("bits.or", 2, (_, a) => NumberValue.Of(BigInt(a, 0) | BigInt(a, 1)));
        t.Add("bits.xor", 2, (_, a) => NumberValue.Of(BigInt(a, 0) ^ BigInt(a, 1)));
        t.Add("bits.negate", 1, (_, a) => NumberValue.Of(-BigInt(a, 0) - 1));
        t.Add("bits.lsh", 2, (_, a) => NumberValue.Of(BigInt(a, 0) << Shift(a)));
        t.Add("bits.rsh", 2, (_, a) => NumberValue.Of(BigInt(a, 0) >> Shift(a)));
    }

    private static int Shift(Value[] a)
    {
        var s = Int(a, 1);
        return s is >= 0 and <= 4096 ? s : throw new BuiltinException("operand 2 must be an unsigned integer number less than 4096");
    }

    private static ArrayValue Range(BuiltinContext c, BigInteger from, BigInteger to, BigInteger step)
    {
        var count = (BigInteger.Abs(to - from) / step) + 1;
        c.CheckSize(count > long.MaxValue ? long.MaxValue : (long)count);
        var list = new Value[(int)count];
        var dir = to >= from ? 1 : -1;
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = NumberValue.Of(from + (dir * step * i));
        }

        return new ArrayValue(list);
    }
}

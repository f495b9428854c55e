using System.Text.RegularExpressions;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary><c>units.parse</c> and <c>units.parse_bytes</c> (SI and IEC suffixes).</summary>
internal static partial class UnitsBuiltins
{
    [GeneratedRegex(@"^([0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]*)$")]
    private static partial Regex Quantity();

    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("units.parse", 1, (_, a) => Parse(Str(a, 0), bytes: false));
        t.Add("units.parse_bytes", 1, (_, a) => Parse(Str(a, 0), bytes: true));
    }

    private static NumberValue Parse(string raw, bool bytes)
    {
        var s = raw.Replace("\"", "", StringComparison.Ordinal).Trim();
        var m = Quantity().Match(s);
        if (!m.Success || m.Groups[1].Value is "" or ".")
        {
            throw new BuiltinException(bytes ? "no byte amount provided" : "no amount provided");
        }

        if (!NumberValue.TryParse(m.Groups[1].Value.StartsWith('.') ? "0" + m.Groups[1].Value : m.Groups[1].Value.TrimEnd('.'), out var n))
        {
            throw new BuiltinException("could not parse amount to a number");
        }

        var unit = m.Groups[2].Value;
        NumberValue multiplier;
        if (bytes)
        {
            var u = unit.ToLowerInvariant();
            if (u.EndsWith('b') && u.Length > 1)
            {
                u = u[..^1];
            }
            else if (u == "b")
            {
                u = "";
            }

            multiplier = u switch
            {
                "" => NumberValue.One,
                "k" => Pow(1000, 1), "ki" => Pow(1024, 1),
                "m" => Pow(1000, 2), "mi" => Pow(1024, 2),
                "g" => Pow(1000, 3), "gi" => Pow(1024, 3),
                "t" => Pow(1000, 4), "ti" => Pow(1024, 4),
                "p" => Pow(1000, 5), "pi" => Pow(1024, 5),
                "e" => Pow(1000, 6), "ei" => Pow(1024, 6),
                _ => throw new BuiltinException("byte unit " + unit + " not recognized"),
            };
            return NumberValue.Multiply(n, multiplier).Floor();
        }

        multiplier = unit switch
        {
            "" => NumberValue.One,
            "m" => NumberValue.Create(1, -3),
            "k" or "K" => Pow(1000, 1), "ki" or "Ki" => Pow(1024, 1),
            "M" => Pow(1000, 2), "mi" or "Mi" => Pow(1024, 2),
            "g" or "G" => Pow(1000, 3), "gi" or "Gi" => Pow(1024, 3),
            "t" or "T" => Pow(1000, 4), "ti" or "Ti" => Pow(1024, 4),
            "p" or "P" => Pow(1000, 5), "pi" or "Pi" => Pow(1024, 5),
            "e" or "E" => Pow(1000, 6), "ei" or "Ei" => Pow(1024, 6),
            _ => throw new BuiltinException("unit " + unit + " not recognized"),
        };
        return NumberValue.Multiply(n, multiplier);
    }

    private static NumberValue Pow(long b, int e) => NumberValue.Of(System.Numerics.BigInteger.Pow(b, e));
}

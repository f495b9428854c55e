using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>
/// CIDR built-ins. <c>net.cidr_contains</c>, <c>cidr_intersects</c>, <c>cidr_merge</c> and <c>cidr_expand</c> are
/// unavailable in policy mode (the CL product marks them unsafe, rego-contract §5).
/// </summary>
internal static class NetBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        Unsafe(t, "net.cidr_contains", 2, (_, a) =>
        {
            var net = Range(Str(a, 0), requireCidr: true);
            var other = Range(Str(a, 1), requireCidr: false);
            return B(net.Family == other.Family && net.Start <= other.Start && other.End <= net.End);
        });
        Unsafe(t, "net.cidr_intersects", 2, (_, a) =>
        {
            var x = Range(Str(a, 0), requireCidr: true);
            var y = Range(Str(a, 1), requireCidr: true);
            return B(x.Family == y.Family && x.Start <= y.End && y.Start <= x.End);
        });
        t.Add("net.cidr_is_valid", 1, (_, a) => B(a[0] is StringValue s && IPNetwork.TryParse(s.Value, out IPNetwork _) && s.Value.Contains('/', StringComparison.Ordinal)));
        Unsafe(t, "net.cidr_expand", 1, (c, a) =>
        {
            var r = Range(Str(a, 0), requireCidr: true);
            var count = r.End - r.Start + 1;
            c.CheckSize(count > int.MaxValue ? long.MaxValue : (long)count);
            var list = new List<Value>((int)count);
            for (var x = r.Start; x <= r.End; x++)
            {
                list.Add(S(ToAddress(x, r.Family).ToString()));
            }

            return new SetValue(list);
        });
        Unsafe(t, "net.cidr_merge", 1, (_, a) =>
        {
            var ranges = Elements(a, 0).Select(x => Range(x is StringValue s ? s.Value : throw new BuiltinException("operand 1 must be array or set of strings", true), requireCidr: false))
                .GroupBy(r => r.Family);
            var result = new List<Value>();
            foreach (var family in ranges)
            {
                var bits = family.Key == AddressFamily.InterNetwork ? 32 : 128;
                var sorted = family.OrderBy(r => r.Start).ToList();
                var merged = new List<(BigInteger Start, BigInteger End)>();
                foreach (var r in sorted)
                {
                    if (merged.Count > 0 && r.Start <= merged[^1].End + 1)
                    {
                        merged[^1] = (merged[^1].Start, BigInteger.Max(merged[^1].End, r.End));
                    }
                    else
                    {
                        merged.Add((r.Start, r.End));
                    }
                }

                foreach (var (start, end) in merged)
                {
                    var s = start;
                    while (s <= end)
                    {
                        var size = bits;
                        while (size > 0)
                        {
                            var block = BigInteger.One << (bits - size + 1);
                            if (s % block != 0 || s + block - 1 > end)
                            {
                                break;
                            }

                            size--;
                        }

                        result.Add(S($"{ToAddress(s, family.Key)}/{size}"));
                        s += BigInteger.One << (bits - size);
                    }
                }
            }

            return new SetValue(result);
        });
        t.Add("net.cidr_contains_matches", 2, (_, a) =>
        {
            var nets = Items(a[0], 1);
            var addrs = Items(a[1], 2);
            var result = new HashSet<Value>();
            foreach (var (nk, nv) in nets)
            {
                var net = Range(nv, requireCidr: true);
                foreach (var (ak, av) in addrs)
                {
                    var other = Range(av, requireCidr: false);
                    if (net.Family == other.Family && net.Start <= other.Start && other.End <= net.End)
                    {
                        result.Add(new ArrayValue([nk, ak]));
                    }
                }
            }

            return new SetValue(result);
        });
    }

    private static void Unsafe(Dictionary<string, BuiltinDef> t, string name, int arity, BuiltinFunc f) => t[name] = new BuiltinDef(name, arity, f) { Unsafe = true };

    private static List<(Value Key, string Cidr)> Items(Value v, int operand)
    {
        static string First(Value x, int operand) => x switch
        {
            StringValue s => s.Value,
            ArrayValue { Count: > 0 } arr when arr.Items[0] is StringValue s => s.Value,
            _ => throw new BuiltinException($"operand {operand} must contain strings or arrays starting with a string", true),
        };

        return v switch
        {
            StringValue s => [(s, s.Value)],
            ArrayValue arr => arr.Items.Select((x, i) => ((Value)N(i), First(x, operand))).ToList(),
            SetValue set => set.Sorted.Select(x => (x, First(x, operand))).ToList(),
            ObjectValue o => o.SortedPairs().Select(p => (p.Key, First(p.Value, operand))).ToList(),
            _ => throw new BuiltinException($"operand {operand} must be one of {{string, array, set, object}} but got {v.TypeName}", true),
        };
    }

    private static (AddressFamily Family, BigInteger Start, BigInteger End) Range(string s, bool requireCidr)
    {
        if (s.Contains('/', StringComparison.Ordinal))
        {
            if (!IPNetwork.TryParse(s, out var net))
            {
                var slash = s.IndexOf('/', StringComparison.Ordinal);
                if (IPAddress.TryParse(s[..slash], out var addr) && int.TryParse(s[(slash + 1)..], out var len))
                {
                    var bitsN = addr.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
                    if (len >= 0 && len <= bitsN)
                    {
                        var v = ToInteger(addr);
                        var mask = ((BigInteger.One << bitsN) - 1) ^ ((BigInteger.One << (bitsN - len)) - 1);
                        var startN = v & mask;
                        return (addr.AddressFamily, startN, startN + (BigInteger.One << (bitsN - len)) - 1);
                    }
                }

                throw new BuiltinException($"invalid CIDR address: {s}");
            }

            var bits = net.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var start = ToInteger(net.BaseAddress);
            return (net.BaseAddress.AddressFamily, start, start + (BigInteger.One << (bits - net.PrefixLength)) - 1);
        }

        if (requireCidr || !IPAddress.TryParse(s, out var ip))
        {
            throw new BuiltinException($"invalid CIDR address: {s}");
        }

        var x = ToInteger(ip);
        return (ip.AddressFamily, x, x);
    }

    private static BigInteger ToInteger(IPAddress a) => new(a.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private static IPAddress ToAddress(BigInteger v, AddressFamily family)
    {
        var len = family == AddressFamily.InterNetwork ? 4 : 16;
        var bytes = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var full = new byte[len];
        Array.Copy(bytes, 0, full, len - bytes.Length, bytes.Length);
        return new IPAddress(full);
    }
}

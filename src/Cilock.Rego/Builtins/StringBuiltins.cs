using System.Globalization;
using System.Numerics;
using System.Text;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>String built-ins; indexes and lengths count Unicode code points, as OPA does.</summary>
internal static class StringBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("concat", 2, (_, a) =>
        {
            var sep = Str(a, 0);
            var parts = Elements(a, 1, "one of {array, set}").Select(x => x is StringValue s ? s.Value : throw new BuiltinException("operand 2 must be array of strings or set of strings", true));
            return S(string.Join(sep, parts));
        });
        t.Add("contains", 2, (_, a) => B(Str(a, 0).Contains(Str(a, 1), StringComparison.Ordinal)));
        t.Add("startswith", 2, (_, a) => B(Str(a, 0).StartsWith(Str(a, 1), StringComparison.Ordinal)));
        t.Add("endswith", 2, (_, a) => B(Str(a, 0).EndsWith(Str(a, 1), StringComparison.Ordinal)));
        t.Add("lower", 1, (_, a) => S(Str(a, 0).ToLowerInvariant()));
        t.Add("upper", 1, (_, a) => S(Str(a, 0).ToUpperInvariant()));
        t.Add("split", 2, (_, a) => SplitValue(Str(a, 0), Str(a, 1), int.MinValue));
        t.Add("strings.split_n", 3, (_, a) => SplitValue(Str(a, 0), Str(a, 1), Int(a, 2)));
        t.Add("replace", 3, (_, a) =>
        {
            var s = Str(a, 0);
            var old = Str(a, 1);
            var nw = Str(a, 2);
            return S(old.Length == 0 ? ReplaceEmpty(s, nw) : s.Replace(old, nw, StringComparison.Ordinal));
        });
        t.Add("strings.replace_n", 2, (_, a) =>
        {
            var patterns = Obj(a, 0);
            var s = Str(a, 1);
            var pairs = patterns.SortedPairs().Select(p => (p.Key is StringValue k ? k.Value : throw new BuiltinException("operand 1 keys must be strings", true),
                p.Value is StringValue v ? v.Value : throw new BuiltinException("operand 1 values must be strings", true))).ToList();
            var sb = new StringBuilder();
            var i = 0;
            while (i < s.Length)
            {
                var matched = false;
                foreach (var (k, v) in pairs)
                {
                    if (k.Length > 0 && string.CompareOrdinal(s, i, k, 0, k.Length) == 0)
                    {
                        sb.Append(v);
                        i += k.Length;
                        matched = true;
                        break;
                    }
                }

                if (!matched)
                {
                    sb.Append(s[i++]);
                }
            }

            return S(sb.ToString());
        });
        t.Add("strings.reverse", 1, (_, a) =>
        {
            var runes = Str(a, 0).EnumerateRunes().ToArray();
            Array.Reverse(runes);
            return S(string.Concat(runes.Select(r => r.ToString())));
        });
        t.Add("strings.any_prefix_match", 2, (_, a) =>
        {
            var ss = Strings(a, 0);
            var ps = Strings(a, 1);
            return B(ss.Any(s => ps.Any(p => s.StartsWith(p, StringComparison.Ordinal))));
        });
        t.Add("strings.any_suffix_match", 2, (_, a) =>
        {
            var ss = Strings(a, 0);
            var ps = Strings(a, 1);
            return B(ss.Any(s => ps.Any(p => s.EndsWith(p, StringComparison.Ordinal))));
        });
        t.Add("strings.count", 2, (_, a) =>
        {
            var s = Str(a, 0);
            var sub = Str(a, 1);
            if (sub.Length == 0)
            {
                return N(s.EnumerateRunes().Count() + 1);
            }

            var n = 0;
            for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
            {
                n++;
            }

            return N(n);
        });
        t.Add("indexof", 2, (_, a) =>
        {
            var s = Str(a, 0);
            var sub = Str(a, 1);
            var i = s.IndexOf(sub, StringComparison.Ordinal);
            return N(i < 0 ? -1 : RuneIndex(s, i));
        });
        t.Add("indexof_n", 2, (_, a) =>
        {
            var s = Str(a, 0);
            var sub = Str(a, 1);
            var list = new List<Value>();
            if (sub.Length > 0)
            {
                for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + 1, StringComparison.Ordinal))
                {
                    list.Add(N(RuneIndex(s, i)));
                }
            }

            return new ArrayValue(list.ToArray());
        });
        t.Add("substring", 3, (_, a) =>
        {
            var runes = Str(a, 0).EnumerateRunes().ToArray();
            var start = Int(a, 1);
            var len = Int(a, 2);
            if (start < 0)
            {
                throw new BuiltinException("negative offset");
            }

            if (start >= runes.Length)
            {
                return StringValue.Empty;
            }

            var end = len < 0 ? runes.Length : (int)Math.Min(runes.Length, (long)start + len);
            return S(string.Concat(runes[start..end].Select(r => r.ToString())));
        });
        t.Add("trim", 2, (_, a) => S(Str(a, 0).Trim(Str(a, 1).ToCharArray())));
        t.Add("trim_left", 2, (_, a) => S(Str(a, 0).TrimStart(Str(a, 1).ToCharArray())));
        t.Add("trim_right", 2, (_, a) => S(Str(a, 0).TrimEnd(Str(a, 1).ToCharArray())));
        t.Add("trim_prefix", 2, (_, a) =>
        {
            var s = Str(a, 0);
            var p = Str(a, 1);
            return S(s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s);
        });
        t.Add("trim_suffix", 2, (_, a) =>
        {
            var s = Str(a, 0);
            var p = Str(a, 1);
            return S(s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s);
        });
        t.Add("trim_space", 1, (_, a) => S(Str(a, 0).Trim()));
        t.Add("format_int", 2, (_, a) =>
        {
            var n = Num(a, 0).Floor().ToBigInteger();
            var b = Int(a, 1);
            if (b is not (2 or 8 or 10 or 16))
            {
                throw new BuiltinException("operand 2 must be one of {2, 8, 10, 16}", true);
            }

            return S(FormatBase(n, b));
        });
        t.Add("sprintf", 2, (_, a) => S(Sprintf.Format(Str(a, 0), Arr(a, 1).Items)));
    }

    private static ArrayValue SplitValue(string s, string sep, int n)
    {
        if (n == 0)
        {
            return ArrayValue.Empty;
        }

        string[] parts;
        var unlimited = n == int.MinValue;
        if (unlimited)
        {
            n = -1;
        }

        if (sep.Length == 0)
        {
            var runes = s.EnumerateRunes().Select(r => r.ToString()).ToList();
            if (n > 0 && runes.Count > n)
            {
                runes = [.. runes.Take(n - 1), string.Concat(runes.Skip(n - 1))];
            }

            parts = [.. runes];
        }
        else
        {
            parts = n > 0 ? s.Split(sep, n) : s.Split(sep);
        }

        // A negative limit keeps the last |n| fields, counted from the right.
        if (!unlimited && n < 0 && parts.Length > -n)
        {
            parts = parts[^(-n)..];
        }

        return new ArrayValue(parts.Select(p => (Value)new StringValue(p)).ToArray());
    }

    private static string ReplaceEmpty(string s, string nw)
    {
        var sb = new StringBuilder(nw);
        foreach (var r in s.EnumerateRunes())
        {
            sb.Append(r.ToString()).Append(nw);
        }

        return sb.ToString();
    }

    private static int RuneIndex(string s, int charIndex) => s[..charIndex].EnumerateRunes().Count();

    internal static string FormatBase(BigInteger n, int b)
    {
        if (b == 10)
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }

        var neg = n.Sign < 0;
        n = BigInteger.Abs(n);
        if (n.IsZero)
        {
            return "0";
        }

        var sb = new StringBuilder();
        while (n > 0)
        {
            sb.Insert(0, "0123456789abcdef"[(int)(n % b)]);
            n /= b;
        }

        return (neg ? "-" : "") + sb;
    }
}

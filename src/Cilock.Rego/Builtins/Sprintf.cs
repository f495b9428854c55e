using System.Globalization;
using System.Numerics;
using System.Text;
using Cilock.Rego.Values;

namespace Cilock.Rego.Builtins;

/// <summary>Go <c>fmt</c>-compatible formatting for <c>sprintf</c> (verbs v s d f e g x X o b q t c and flags).</summary>
internal static class Sprintf
{
    public static string Format(string format, Value[] args)
    {
        var sb = new StringBuilder();
        var argi = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var flags = new StringBuilder();
            while (i < format.Length && "+-# 0".Contains(format[i], StringComparison.Ordinal))
            {
                flags.Append(format[i++]);
            }

            var width = ReadInt(format, ref i);
            int? prec = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                prec = ReadInt(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i];
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argi >= args.Length)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var f = flags.ToString();
            var text = FormatOne(verb, args[argi++], f, prec);
            sb.Append(Pad(text, width, f));
        }

        if (argi < args.Length)
        {
            sb.Append("%!(EXTRA ");
            sb.Append(string.Join(", ", args[argi..].Select(a => GoType(a) + "=" + Plain(a))));
            sb.Append(')');
        }

        return sb.ToString();
    }

    private static string GoType(Value v) => v switch
    {
        StringValue => "string",
        NumberValue n => n.IsInteger ? "*big.Int" : "float64",
        BoolValue => "bool",
        _ => "string",
    };

    private static int? ReadInt(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == start)
        {
            return null;
        }

        // Output-size guard: a width or precision like %999999999d must not allocate gigabytes.
        return i - start <= 5 ? int.Parse(s.AsSpan(start, i - start), CultureInfo.InvariantCulture) : throw new BuiltinException("sprintf width or precision too large (max 99999)");
    }

    private static string Pad(string text, int? width, string flags)
    {
        if (width is null || text.Length >= width)
        {
            return text;
        }

        if (flags.Contains('-', StringComparison.Ordinal))
        {
            return text.PadRight(width.Value);
        }

        if (flags.Contains('0', StringComparison.Ordinal) && text.Length > 0 && (char.IsAsciiDigit(text[^1]) || text[0] is '-' or '+'))
        {
            var sign = text[0] is '-' or '+' ? text[0].ToString() : "";
            return sign + text[sign.Length..].PadLeft(width.Value - sign.Length, '0');
        }

        return text.PadLeft(width.Value);
    }

    /// <summary>The %v text of a value: strings bare, others as Rego terms.</summary>
    public static string Plain(Value v) => v is StringValue s ? s.Value : TermString(v);

    /// <summary>OPA's term text: <c>["a", 1]</c>, <c>{"a": 1}</c>, <c>{1, 2}</c>, <c>set()</c>.</summary>
    public static string TermString(Value v) => v switch
    {
        StringValue s => Quote(s.Value),
        NumberValue n => n.ToString(),
        BoolValue b => b.Value ? "true" : "false",
        NullValue => "null",
        ArrayValue a => "[" + string.Join(", ", a.Items.Select(TermString)) + "]",
        SetValue s => s.Count == 0 ? "set()" : "{" + string.Join(", ", s.Sorted.Select(TermString)) + "}",
        ObjectValue o => "{" + string.Join(", ", o.SortedPairs().Select(p => TermString(p.Key) + ": " + TermString(p.Value))) + "}",
        _ => "",
    };

    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (ch < 0x20)
                    {
                        sb.Append("\\x").Append(((int)ch).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static string FormatOne(char verb, Value v, string flags, int? prec)
    {
        switch (verb)
        {
            case 'v':
                return v is NumberValue vn && !vn.IsInteger ? FormatFloat(vn, 'g', prec) : Plain(v);
            case 's':
                return prec is { } p && v is StringValue ps ? string.Concat(ps.Value.EnumerateRunes().Take(p).Select(r => r.ToString())) : Plain(v);
            case 'q':
                return v is StringValue qs ? Quote(qs.Value) : $"%!q({GoType(v)}={Plain(v)})";
            case 't':
                return v is BoolValue b ? (b.Value ? "true" : "false") : $"%!t({GoType(v)}={Plain(v)})";
            case 'd':
                if (v is NumberValue dn && dn.IsInteger)
                {
                    var d = dn.ToBigInteger().ToString(CultureInfo.InvariantCulture);
                    return flags.Contains('+', StringComparison.Ordinal) && dn.Sign >= 0 ? "+" + d : d;
                }

                return $"%!d({GoType(v)}={Plain(v)})";
            case 'f' or 'F' or 'e' or 'E' or 'g' or 'G':
                if (v is NumberValue fn)
                {
                    var text = FormatFloat(fn, verb, prec);
                    return flags.Contains('+', StringComparison.Ordinal) && fn.Sign >= 0 ? "+" + text : text;
                }

                return $"%!{verb}({GoType(v)}={Plain(v)})";
            case 'x' or 'X' or 'o' or 'b':
            {
                var baseN = verb switch { 'o' => 8, 'b' => 2, _ => 16 };
                string r;
                if (v is NumberValue xn && xn.IsInteger)
                {
                    r = StringBuiltins.FormatBase(xn.ToBigInteger(), baseN);
                }
                else if (v is StringValue xs && baseN == 16)
                {
                    r = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(xs.Value));
                }
                else
                {
                    return $"%!{verb}({GoType(v)}={Plain(v)})";
                }

                if (flags.Contains('#', StringComparison.Ordinal))
                {
                    r = (verb switch { 'x' => "0x", 'X' => "0X", 'o' => "0", _ => "0b" }) + r;
                }

                return verb == 'X' ? r.ToUpperInvariant() : r;
            }

            case 'c':
                return v is NumberValue cn && cn.TryToInt32(out var cp) && Rune.IsValid(cp) ? new Rune(cp).ToString() : $"%!c({GoType(v)}={Plain(v)})";
            case 'T':
                return v.TypeName;
            default:
                return $"%!{verb}({GoType(v)}={Plain(v)})";
        }
    }

    private static string FormatFloat(NumberValue n, char verb, int? prec)
    {
        switch (verb)
        {
            case 'f' or 'F':
                return FixedPoint(n, prec ?? 6);
            case 'e' or 'E':
            {
                var s = n.ToDouble().ToString((verb == 'e' ? "e" : "E") + (prec ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

                // .NET writes e+006; Go writes e+06.
                var idx = s.IndexOfAny(['e', 'E']);
                var exp = int.Parse(s.AsSpan(idx + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return s[..(idx + 1)] + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
            }

            default:
                if (prec is null)
                {
                    if (n.IsInteger && BigInteger.Abs(n.Mantissa).ToString(CultureInfo.InvariantCulture).Length + n.Exponent <= 21)
                    {
                        return n.ToString();
                    }

                    var d = n.ToDouble();
                    var r = d.ToString("R", CultureInfo.InvariantCulture);
                    if (r.Contains('E', StringComparison.Ordinal))
                    {
                        var idx = r.IndexOf('E', StringComparison.Ordinal);
                        var exp = int.Parse(r.AsSpan(idx + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                        r = r[..idx] + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
                    }

                    return r;
                }

                return n.ToDouble().ToString("G" + prec.Value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Exact fixed-point rounding (half to even, as Go's strconv does for exact decimals).</summary>
    private static string FixedPoint(NumberValue n, int prec)
    {
        var scaled = NumberValue.Multiply(n, NumberValue.Create(1, prec));
        var floor = scaled.Floor();
        var frac = NumberValue.Subtract(scaled, floor);
        var half = NumberValue.Create(5, -1);
        var q = floor.ToBigInteger();
        var cmp = frac.CompareTo(half);
        if (cmp > 0 || (cmp == 0 && !q.IsEven))
        {
            q += 1;
        }

        var neg = q.Sign < 0 || (q.IsZero && n.Sign < 0);
        var digits = BigInteger.Abs(q).ToString(CultureInfo.InvariantCulture).PadLeft(prec + 1, '0');
        var text = prec == 0 ? digits : digits[..^prec] + "." + digits[^prec..];
        return neg ? "-" + text : text;
    }
}

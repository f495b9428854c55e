using System.Globalization;
using System.Numerics;

namespace Cilock.Rego.Values;

/// <summary>
/// An exact decimal number: <c>Mantissa × 10^Exponent</c>, normalised so equal numbers share one representation.
/// Integers of any size and decimal literals such as <c>0.1</c> or <c>1e400</c> stay exact (OPA keeps number text).
/// </summary>
internal sealed class NumberValue : Value
{
    /// <summary>Largest decimal exponent accepted; larger values would make exact arithmetic unbounded.</summary>
    public const int MaxExponent = 100_000;

    /// <summary>Significant digits kept by inexact operations such as division.</summary>
    private const int DivisionDigits = 34;

    public static readonly NumberValue Zero = new(BigInteger.Zero, 0);
    public static readonly NumberValue One = new(BigInteger.One, 0);

    private static readonly NumberValue[] Small = Enumerable.Range(0, 256).Select(i => i == 0 ? new NumberValue(0, 0) : new NumberValue(i, 0).Normalize()).ToArray();

    private NumberValue(BigInteger mantissa, int exponent)
    {
        Mantissa = mantissa;
        Exponent = exponent;
    }

    public BigInteger Mantissa { get; }

    public int Exponent { get; }

    public override ValueKind Kind => ValueKind.Number;

    public bool IsInteger => Exponent >= 0;

    public int Sign => Mantissa.Sign;

    public static NumberValue Of(long v)
    {
        if (v is >= 0 and < 256)
        {
            return Small[v];
        }

        // Strip trailing zeros with machine arithmetic; BigInteger division is far slower.
        var e = 0;
        while (v != 0 && v % 10 == 0)
        {
            v /= 10;
            e++;
        }

        return new NumberValue(v, e);
    }

    public static NumberValue Of(BigInteger v) => v >= 0 && v < 256 ? Small[(int)v] : new NumberValue(v, 0).Normalize();

    public static NumberValue Create(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero)
        {
            return Zero;
        }

        return new NumberValue(mantissa, exponent).Normalize();
    }

    /// <summary>Converts a double (results of math functions); returns null for NaN/infinity.</summary>
    public static NumberValue? FromDouble(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            return null;
        }

        if (d == Math.Floor(d) && Math.Abs(d) < 1e15)
        {
            return Of((long)d);
        }

        return TryParse(d.ToString("R", CultureInfo.InvariantCulture), out var n) ? n : null;
    }

    /// <summary>Parses JSON/Rego number text exactly.</summary>
    public static bool TryParse(string text, out NumberValue value)
    {
        value = Zero;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            return false;
        }

        var neg = false;
        if (s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }

        var ePos = s.IndexOfAny('e', 'E');
        var exp = 0L;
        if (ePos >= 0)
        {
            if (!long.TryParse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp))
            {
                return false;
            }

            s = s[..ePos];
        }

        var dot = s.IndexOf('.');
        string digits;
        if (dot >= 0)
        {
            digits = string.Concat(s[..dot], s[(dot + 1)..]);
            exp -= s.Length - dot - 1;
        }
        else
        {
            digits = s.ToString();
        }

        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (Math.Abs(exp) > MaxExponent + digits.Length)
        {
            return false;
        }

        var m = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        value = Create(neg ? -m : m, (int)exp);
        return Math.Abs(value.Exponent) <= MaxExponent;
    }

    private NumberValue Normalize()
    {
        if (Mantissa.IsZero)
        {
            return Zero;
        }

        var m = Mantissa;
        var e = Exponent;
        while (!m.IsZero && m % 10 == 0)
        {
            m /= 10;
            e++;
        }

        return e == Exponent ? this : new NumberValue(m, e);
    }

    public bool TryToInt64(out long v)
    {
        v = 0;
        if (!IsInteger || Exponent > 18)
        {
            return false;
        }

        var n = Mantissa * BigInteger.Pow(10, Exponent);
        if (n < long.MinValue || n > long.MaxValue)
        {
            return false;
        }

        v = (long)n;
        return true;
    }

    public bool TryToInt32(out int v)
    {
        v = 0;
        if (TryToInt64(out var l) && l is >= int.MinValue and <= int.MaxValue)
        {
            v = (int)l;
            return true;
        }

        return false;
    }

    /// <summary>The exact integer value; only valid when <see cref="IsInteger"/>.</summary>
    public BigInteger ToBigInteger() => Exponent >= 0 ? Mantissa * BigInteger.Pow(10, Exponent) : Mantissa / BigInteger.Pow(10, -Exponent);

    public double ToDouble() => double.Parse(ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static (BigInteger A, BigInteger B, int E) Align(NumberValue a, NumberValue b)
    {
        if (a.Exponent == b.Exponent)
        {
            return (a.Mantissa, b.Mantissa, a.Exponent);
        }

        return a.Exponent > b.Exponent
            ? (a.Mantissa * BigInteger.Pow(10, a.Exponent - b.Exponent), b.Mantissa, b.Exponent)
            : (a.Mantissa, b.Mantissa * BigInteger.Pow(10, b.Exponent - a.Exponent), a.Exponent);
    }

    public static NumberValue Add(NumberValue a, NumberValue b)
    {
        var (x, y, e) = Align(a, b);
        return Create(x + y, e);
    }

    public static NumberValue Subtract(NumberValue a, NumberValue b)
    {
        var (x, y, e) = Align(a, b);
        return Create(x - y, e);
    }

    public static NumberValue Multiply(NumberValue a, NumberValue b) => Create(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    public NumberValue Negate() => Create(-Mantissa, Exponent);

    public NumberValue Abs() => Mantissa.Sign < 0 ? Negate() : this;

    /// <summary>Divides; exact when the quotient terminates within 34 significant digits, rounded otherwise.</summary>
    public static NumberValue? Divide(NumberValue a, NumberValue b)
    {
        if (b.Mantissa.IsZero)
        {
            return null;
        }

        var digitsA = a.Mantissa.IsZero ? 1 : (int)Math.Ceiling(BigInteger.Log10(BigInteger.Abs(a.Mantissa)) + 1e-9);
        var digitsB = (int)Math.Ceiling(BigInteger.Log10(BigInteger.Abs(b.Mantissa)) + 1e-9);
        var scale = Math.Max(0, DivisionDigits - digitsA + digitsB);
        var num = a.Mantissa * BigInteger.Pow(10, scale);
        var q = BigInteger.DivRem(num, b.Mantissa, out _);
        return Create(q, a.Exponent - b.Exponent - scale);
    }

    /// <summary>Integer remainder (Go semantics: sign of the dividend); null when either side is not an integer.</summary>
    public static NumberValue? Remainder(NumberValue a, NumberValue b)
    {
        if (!a.IsInteger || !b.IsInteger)
        {
            return null;
        }

        var d = b.ToBigInteger();
        return d.IsZero ? null : Of(BigInteger.Remainder(a.ToBigInteger(), d));
    }

    public NumberValue Floor()
    {
        if (IsInteger)
        {
            return this;
        }

        var p = BigInteger.Pow(10, -Exponent);
        var q = BigInteger.DivRem(Mantissa, p, out var r);
        return Of(r.Sign < 0 ? q - 1 : q);
    }

    public NumberValue Ceiling() => Negate().Floor().Negate();

    /// <summary>Rounds half away from zero (Go's math.Round).</summary>
    public NumberValue Round()
    {
        if (IsInteger)
        {
            return this;
        }

        var half = Create(5, -1);
        return Mantissa.Sign >= 0 ? Add(this, half).Floor() : Subtract(this, half).Ceiling();
    }

    protected override int CompareSameKind(Value other)
    {
        var o = (NumberValue)other;
        if (Mantissa.Sign != o.Mantissa.Sign)
        {
            return Mantissa.Sign.CompareTo(o.Mantissa.Sign);
        }

        if (Exponent == o.Exponent)
        {
            return Mantissa.CompareTo(o.Mantissa);
        }

        // Compare magnitudes via digit count first to avoid huge powers for wildly different scales.
        var magA = Magnitude();
        var magB = o.Magnitude();
        if (magA != magB)
        {
            var c = magA.CompareTo(magB);
            return Mantissa.Sign < 0 ? -c : c;
        }

        var (x, y, _) = Align(this, o);
        return x.CompareTo(y);
    }

    private long Magnitude() => Mantissa.IsZero ? long.MinValue : (long)Math.Floor(BigInteger.Log10(BigInteger.Abs(Mantissa)) + 1e-12) + Exponent;

    public override bool Equals(Value? other) => other is NumberValue n && n.Exponent == Exponent && n.Mantissa == Mantissa;

    public override int GetHashCode() => HashCode.Combine(Mantissa, Exponent);

    /// <summary>OPA-style text: integers plainly, fractions in positional notation, very large/small in e-notation.</summary>
    public override string ToString()
    {
        if (Mantissa.IsZero)
        {
            return "0";
        }

        var neg = Mantissa.Sign < 0;
        var digits = BigInteger.Abs(Mantissa).ToString(CultureInfo.InvariantCulture);
        string body;
        if (Exponent >= 0)
        {
            body = Exponent > 21 ? Scientific(digits) : digits + new string('0', Exponent);
        }
        else
        {
            var point = digits.Length + Exponent;
            if (point > 0)
            {
                body = digits[..point] + "." + digits[point..];
            }
            else if (point > -21)
            {
                body = "0." + new string('0', -point) + digits;
            }
            else
            {
                body = Scientific(digits);
            }
        }

        return neg ? "-" + body : body;
    }

    private string Scientific(string digits)
    {
        var exp = digits.Length - 1 + Exponent;
        var mant = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return mant + "e" + (exp >= 0 ? "" : "-") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
    }
}

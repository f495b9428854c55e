using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Time built-ins over nanoseconds since the Unix epoch, with Go layouts and IANA time zones.</summary>
internal static partial class TimeBuiltins
{
    private const long NanosPerSecond = 1_000_000_000;

    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t["time.now_ns"] = new BuiltinDef("time.now_ns", 0, (c, _) => NumberValue.Of(ToNanos(c.Now))) { NonDeterministic = true };
        t.Add("time.parse_rfc3339_ns", 1, (_, a) => NumberValue.Of(ParseRfc3339(Str(a, 0))));
        t.Add("time.parse_ns", 2, (_, a) => NumberValue.Of(GoTime.Parse(Layout(Str(a, 0)), Str(a, 1))));
        t.Add("time.parse_duration_ns", 1, (_, a) => NumberValue.Of(ParseDuration(Str(a, 0))));
        t.Add("time.date", 1, (_, a) =>
        {
            var (dt, _) = Moment(a[0]);
            return new ArrayValue([N(dt.Year), N(dt.Month), N(dt.Day)]);
        });
        t.Add("time.clock", 1, (_, a) =>
        {
            var (dt, _) = Moment(a[0]);
            return new ArrayValue([N(dt.Hour), N(dt.Minute), N(dt.Second)]);
        });
        t.Add("time.weekday", 1, (_, a) => S(Moment(a[0]).Time.DayOfWeek.ToString()));
        t.Add("time.add_date", 4, (_, a) =>
        {
            var ns = Nanos(a, 0);
            var (sec, frac) = Split(ns);
            var dt = DateTimeOffset.FromUnixTimeSeconds(sec).UtcDateTime;
            var y = dt.Year + Int(a, 1);
            var m = dt.Month - 1 + Int(a, 2);
            y += (int)Math.Floor(m / 12.0);
            m = ((m % 12) + 12) % 12;
            if (y is < 1 or > 9999)
            {
                throw new BuiltinException("time outside of valid range");
            }

            var result = new DateTime(y, m + 1, 1, dt.Hour, dt.Minute, dt.Second, DateTimeKind.Utc).AddDays(dt.Day - 1 + Int(a, 3));
            return NumberValue.Of(((BigInteger)new DateTimeOffset(result).ToUnixTimeSeconds() * NanosPerSecond) + frac);
        });
        t.Add("time.diff", 2, (_, a) =>
        {
            var (t1, _) = Moment(a[0]);
            var (t2, _) = Moment(a[1]);
            if (t1 > t2)
            {
                (t1, t2) = (t2, t1);
            }

            var year = t2.Year - t1.Year;
            var month = t2.Month - t1.Month;
            var day = t2.Day - t1.Day;
            var hour = t2.Hour - t1.Hour;
            var min = t2.Minute - t1.Minute;
            var sec = t2.Second - t1.Second;
            if (sec < 0) { sec += 60; min--; }
            if (min < 0) { min += 60; hour--; }
            if (hour < 0) { hour += 24; day--; }
            if (day < 0)
            {
                day += DateTime.DaysInMonth(t1.Year, t1.Month);
                month--;
            }

            if (month < 0) { month += 12; year--; }
            return new ArrayValue([N(year), N(month), N(day), N(hour), N(min), N(sec)]);
        });
        t.Add("time.format", 1, (_, a) =>
        {
            var layout = "2006-01-02T15:04:05.999999999Z07:00";
            if (a[0] is ArrayValue { Count: 3 } arr)
            {
                layout = Layout(arr.Items[2] as StringValue is { } ls ? ls.Value : throw new BuiltinException("layout must be a string", true));
            }

            var (dt, frac, offset) = MomentWithOffset(a[0]);
            return S(GoTime.Format(dt, frac, offset, layout));
        });
    }

    private static readonly Dictionary<string, string> NamedLayouts = new(StringComparer.Ordinal)
    {
        ["ANSIC"] = "Mon Jan _2 15:04:05 2006",
        ["UnixDate"] = "Mon Jan _2 15:04:05 MST 2006",
        ["RubyDate"] = "Mon Jan 02 15:04:05 -0700 2006",
        ["RFC822"] = "02 Jan 06 15:04 MST",
        ["RFC822Z"] = "02 Jan 06 15:04 -0700",
        ["RFC850"] = "Monday, 02-Jan-06 15:04:05 MST",
        ["RFC1123"] = "Mon, 02 Jan 2006 15:04:05 MST",
        ["RFC1123Z"] = "Mon, 02 Jan 2006 15:04:05 -0700",
        ["RFC3339"] = "2006-01-02T15:04:05Z07:00",
        ["RFC3339Nano"] = "2006-01-02T15:04:05.999999999Z07:00",
        ["Kitchen"] = "3:04PM",
        ["Stamp"] = "Jan _2 15:04:05",
        ["StampMilli"] = "Jan _2 15:04:05.000",
        ["StampMicro"] = "Jan _2 15:04:05.000000",
        ["StampNano"] = "Jan _2 15:04:05.000000000",
        ["DateTime"] = "2006-01-02 15:04:05",
        ["DateOnly"] = "2006-01-02",
        ["TimeOnly"] = "15:04:05",
    };

    private static string Layout(string s) => NamedLayouts.TryGetValue(s, out var l) ? l : s;

    internal static BigInteger ToNanos(DateTimeOffset t) => ((BigInteger)t.ToUnixTimeSeconds() * NanosPerSecond) + ((t.UtcTicks % TimeSpan.TicksPerSecond) * 100);

    private static BigInteger Nanos(Value[] a, int i) => BigInt(a, i);

    private static (long Seconds, long Frac) Split(BigInteger ns)
    {
        var sec = BigInteger.DivRem(ns, NanosPerSecond, out var rem);
        if (rem < 0)
        {
            rem += NanosPerSecond;
            sec -= 1;
        }

        if (sec < -62135596800 || sec > 253402300799)
        {
            throw new BuiltinException("timestamp too big");
        }

        return ((long)sec, (long)rem);
    }

    /// <summary>A timestamp argument (<c>ns</c> or <c>[ns, tz]</c>) as local date-time in its zone plus the nanosecond fraction.</summary>
    private static (DateTime Time, long Frac) Moment(Value v)
    {
        var (t, f, _) = MomentWithOffset(v);
        return (t, f);
    }

    private static (DateTime Time, long Frac, TimeSpan Offset) MomentWithOffset(Value v)
    {
        BigInteger ns;
        var tz = "UTC";
        switch (v)
        {
            case NumberValue n:
                ns = n.IsInteger ? n.ToBigInteger() : n.Floor().ToBigInteger();
                break;
            case ArrayValue { Count: >= 2 } arr when arr.Items[0] is NumberValue n2 && arr.Items[1] is StringValue z:
                ns = n2.Floor().ToBigInteger();
                tz = z.Value;
                break;
            default:
                throw new BuiltinException("operand 1 must be one of {number, array[number, string]} but got " + v.TypeName, true);
        }

        var (sec, frac) = Split(ns);
        var utc = DateTimeOffset.FromUnixTimeSeconds(sec).UtcDateTime.AddTicks(frac / 100);
        var zone = Zone(tz);
        return zone == TimeZoneInfo.Utc ? (utc, frac, TimeSpan.Zero) : (TimeZoneInfo.ConvertTimeFromUtc(utc, zone), frac, zone.GetUtcOffset(utc));
    }

    internal static TimeZoneInfo Zone(string tz)
    {
        if (tz is "" or "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        if (tz == "Local")
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(tz);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new BuiltinException("unknown time zone " + tz);
        }
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    internal static BigInteger ParseRfc3339(string s)
    {
        var m = Rfc3339().Match(s);
        if (!m.Success)
        {
            throw new BuiltinException($"parsing time \"{s}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse");
        }

        int G(int i) => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        var offset = TimeSpan.Zero;
        var z = m.Groups[8].Value;
        if (z is not ("Z" or "z"))
        {
            offset = new TimeSpan(int.Parse(z[1..3], CultureInfo.InvariantCulture), int.Parse(z[4..6], CultureInfo.InvariantCulture), 0);
            if (z[0] == '-')
            {
                offset = -offset;
            }
        }

        DateTimeOffset dto;
        try
        {
            dto = new DateTimeOffset(G(1), G(2), G(3), G(4), G(5), G(6), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new BuiltinException($"parsing time \"{s}\": day out of range");
        }

        var frac = m.Groups[7].Success ? long.Parse(m.Groups[7].Value[1..].PadRight(9, '0'), CultureInfo.InvariantCulture) : 0;
        return ((BigInteger)dto.ToUnixTimeSeconds() * NanosPerSecond) + frac;
    }

    [GeneratedRegex(@"^([0-9]*(\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex DurationPart();

    internal static BigInteger ParseDuration(string s)
    {
        var orig = s;
        var neg = false;
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return 0;
        }

        if (s.Length == 0)
        {
            throw new BuiltinException($"time: invalid duration \"{orig}\"");
        }

        var total = NumberValue.Zero;
        while (s.Length > 0)
        {
            var m = DurationPart().Match(s);
            if (!m.Success || m.Groups[1].Value is "" or ".")
            {
                throw new BuiltinException($"time: invalid duration \"{orig}\"");
            }

            NumberValue.TryParse(m.Groups[1].Value.StartsWith('.') ? "0" + m.Groups[1].Value : m.Groups[1].Value.TrimEnd('.'), out var n);
            var unit = m.Groups[3].Value switch
            {
                "ns" => 1L,
                "us" or "µs" or "μs" => 1_000L,
                "ms" => 1_000_000L,
                "s" => NanosPerSecond,
                "m" => 60 * NanosPerSecond,
                _ => 3600 * NanosPerSecond,
            };
            total = NumberValue.Add(total, NumberValue.Multiply(n, NumberValue.Of(unit)));
            s = s[m.Length..];
        }

        var r = total.Floor().ToBigInteger();
        return neg ? -r : r;
    }
}

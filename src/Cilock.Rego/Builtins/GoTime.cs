using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Cilock.Rego.Builtins;

/// <summary>Go reference-time layouts (<c>2006-01-02T15:04:05Z07:00</c>) for <c>time.format</c> and <c>time.parse_ns</c>.</summary>
internal static class GoTime
{
    // Longest tokens first so that "2006" wins over "2", "January" over "Jan", and so on.
    private static readonly string[] Tokens =
    [
        "January", "Monday", "2006", "Z07:00:00", "-07:00:00", "Z07:00", "-07:00", "Z0700", "-0700", "Z07", "-07", "MST", "Jan", "Mon",
        "002", "__2", "_2", "01", "02", "03", "04", "05", "06", "15", "PM", "pm", "1", "2", "3", "4", "5",
    ];

    private static List<(bool Std, string Text)> Tokenize(string layout)
    {
        var list = new List<(bool, string)>();
        var lit = new StringBuilder();
        for (var i = 0; i < layout.Length;)
        {
            if ((layout[i] is '.' or ',') && i + 1 < layout.Length && layout[i + 1] is '0' or '9')
            {
                var j = i + 1;
                while (j < layout.Length && layout[j] == layout[i + 1])
                {
                    j++;
                }

                if (j == layout.Length || !char.IsAsciiDigit(layout[j]))
                {
                    Flush();
                    list.Add((true, layout[i..j]));
                    i = j;
                    continue;
                }
            }

            var tok = Tokens.FirstOrDefault(t => string.CompareOrdinal(layout, i, t, 0, t.Length) == 0);
            if (tok is not null)
            {
                Flush();
                list.Add((true, tok));
                i += tok.Length;
            }
            else
            {
                lit.Append(layout[i++]);
            }
        }

        Flush();
        return list;

        void Flush()
        {
            if (lit.Length > 0)
            {
                list.Add((false, lit.ToString()));
                lit.Clear();
            }
        }
    }

    public static string Format(DateTime t, long frac, TimeSpan offset, string layout)
    {
        var sb = new StringBuilder();
        foreach (var (std, text) in Tokenize(layout))
        {
            if (!std)
            {
                sb.Append(text);
                continue;
            }

            switch (text)
            {
                case "January": sb.Append(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(t.Month)); break;
                case "Jan": sb.Append(CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(t.Month)); break;
                case "Monday": sb.Append(t.DayOfWeek.ToString()); break;
                case "Mon": sb.Append(t.DayOfWeek.ToString()[..3]); break;
                case "2006": sb.Append(t.Year.ToString("0000", CultureInfo.InvariantCulture)); break;
                case "06": sb.Append((t.Year % 100).ToString("00", CultureInfo.InvariantCulture)); break;
                case "01": sb.Append(t.Month.ToString("00", CultureInfo.InvariantCulture)); break;
                case "1": sb.Append(t.Month); break;
                case "02": sb.Append(t.Day.ToString("00", CultureInfo.InvariantCulture)); break;
                case "_2": sb.Append(t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)); break;
                case "2": sb.Append(t.Day); break;
                case "002": sb.Append(t.DayOfYear.ToString("000", CultureInfo.InvariantCulture)); break;
                case "__2": sb.Append(t.DayOfYear.ToString(CultureInfo.InvariantCulture).PadLeft(3)); break;
                case "15": sb.Append(t.Hour.ToString("00", CultureInfo.InvariantCulture)); break;
                case "03": sb.Append((t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString("00", CultureInfo.InvariantCulture)); break;
                case "3": sb.Append(t.Hour % 12 == 0 ? 12 : t.Hour % 12); break;
                case "04": sb.Append(t.Minute.ToString("00", CultureInfo.InvariantCulture)); break;
                case "4": sb.Append(t.Minute); break;
                case "05": sb.Append(t.Second.ToString("00", CultureInfo.InvariantCulture)); break;
                case "5": sb.Append(t.Second); break;
                case "PM": sb.Append(t.Hour >= 12 ? "PM" : "AM"); break;
                case "pm": sb.Append(t.Hour >= 12 ? "pm" : "am"); break;
                case "MST": sb.Append(offset == TimeSpan.Zero ? "UTC" : FormatOffset(offset, "-0700")); break;
                default:
                    if (text[0] is '.' or ',')
                    {
                        var digits = frac.ToString("000000000", CultureInfo.InvariantCulture)[..Math.Min(9, text.Length - 1)];
                        if (text[1] == '9')
                        {
                            digits = digits.TrimEnd('0');
                            if (digits.Length > 0)
                            {
                                sb.Append(text[0]).Append(digits);
                            }
                        }
                        else
                        {
                            sb.Append(text[0]).Append(digits);
                        }
                    }
                    else if (text[0] == 'Z' && offset == TimeSpan.Zero)
                    {
                        sb.Append('Z');
                    }
                    else
                    {
                        sb.Append(FormatOffset(offset, text));
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static string FormatOffset(TimeSpan o, string token)
    {
        var sign = o < TimeSpan.Zero ? "-" : "+";
        o = o.Duration();
        var h = o.Hours.ToString("00", CultureInfo.InvariantCulture);
        var m = o.Minutes.ToString("00", CultureInfo.InvariantCulture);
        var s = o.Seconds.ToString("00", CultureInfo.InvariantCulture);
        return token.TrimStart('Z', '-') switch
        {
            "07:00:00" => $"{sign}{h}:{m}:{s}",
            "07:00" => $"{sign}{h}:{m}",
            "0700" => $"{sign}{h}{m}",
            _ => $"{sign}{h}",
        };
    }

    /// <summary>Parses a value with a Go layout; returns nanoseconds since the epoch.</summary>
    public static BigInteger Parse(string layout, string value)
    {
        var tokens = Tokenize(layout);
        var pattern = new StringBuilder("^");
        var names = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (std, text) = tokens[i];
            if (!std)
            {
                pattern.Append(Regex.Escape(text));
                continue;
            }

            names.Add(text);
            pattern.Append(text switch
            {
                "January" => "([A-Za-z]+)",
                "Jan" => "([A-Za-z]{3})",
                "Monday" => "([A-Za-z]+)",
                "Mon" => "([A-Za-z]{3})",
                "2006" => @"(\d{4})",
                "06" or "01" or "02" or "15" or "03" or "04" => @"(\d{2})",
                "05" => @"(\d{2}(?:[.,]\d+)?)",
                "5" => @"(\d{1,2}(?:[.,]\d+)?)",
                "1" or "2" or "3" or "4" => @"(\d{1,2})",
                "_2" => @"( ?\d{1,2})",
                "002" => @"(\d{3})",
                "__2" => @"( {0,2}\d{1,3})",
                "PM" or "pm" => "([AaPp][Mm])",
                "MST" => @"([A-Z]{3,5}|[+-]\d{2,4})",
                _ when text[0] is '.' or ',' => text[1] == '9' ? @"((?:[.,]\d+)?)" : @"([.,]\d{" + (text.Length - 1) + "})",
                _ when text[0] == 'Z' => @"(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)",
                _ => @"([+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)",
            });
        }

        var m = Regex.Match(value, pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
        if (!m.Success)
        {
            throw new BuiltinException($"parsing time \"{value}\" as \"{layout}\": cannot parse");
        }

        int year = 1, month = 1, day = 1, hour = 0, min = 0, sec = 0;
        long frac = 0;
        var pm = (bool?)null;
        var offset = TimeSpan.Zero;
        for (var i = 0; i < names.Count; i++)
        {
            var g = m.Groups[i + 1].Value;
            switch (names[i])
            {
                case "January" or "Jan":
                    month = Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, n => n.Length > 0 && g.StartsWith(n, StringComparison.OrdinalIgnoreCase)) + 1;
                    if (month == 0)
                    {
                        throw new BuiltinException($"parsing time \"{value}\": month out of range");
                    }

                    break;
                case "2006": year = int.Parse(g, CultureInfo.InvariantCulture); break;
                case "06":
                    year = int.Parse(g, CultureInfo.InvariantCulture);
                    year += year >= 69 ? 1900 : 2000;
                    break;
                case "01" or "1": month = int.Parse(g, CultureInfo.InvariantCulture); break;
                case "02" or "2" or "_2": day = int.Parse(g.Trim(), CultureInfo.InvariantCulture); break;
                case "15": hour = int.Parse(g, CultureInfo.InvariantCulture); break;
                case "03" or "3": hour = int.Parse(g, CultureInfo.InvariantCulture) % 12; break;
                case "04" or "4": min = int.Parse(g, CultureInfo.InvariantCulture); break;
                case "05" or "5":
                {
                    var parts = g.Split('.', ',');
                    sec = int.Parse(parts[0], CultureInfo.InvariantCulture);
                    if (parts.Length > 1)
                    {
                        frac = long.Parse(parts[1].PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
                    }

                    break;
                }

                case "PM" or "pm": pm = g.StartsWith('P') || g.StartsWith('p'); break;
                case "MST": break;
                default:
                    if (names[i][0] is '.' or ',')
                    {
                        if (g.Length > 1)
                        {
                            frac = long.Parse(g[1..].PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
                        }
                    }
                    else if (g != "Z")
                    {
                        var digits = g[1..].Replace(":", "", StringComparison.Ordinal);
                        var oh = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                        var om = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
                        offset = new TimeSpan(oh, om, 0);
                        if (g[0] == '-')
                        {
                            offset = -offset;
                        }
                    }

                    break;
            }
        }

        if (pm == true)
        {
            hour += 12;
        }

        try
        {
            var dto = new DateTimeOffset(year, month, day, hour, min, sec, offset);
            return ((BigInteger)dto.ToUnixTimeSeconds() * 1_000_000_000) + frac;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new BuiltinException($"parsing time \"{value}\": value out of range");
        }
    }
}

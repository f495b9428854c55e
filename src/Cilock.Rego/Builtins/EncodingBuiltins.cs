using System.Text;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Encodings: base64, base64url, hex, JSON, YAML and URL query strings.</summary>
internal static class EncodingBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("base64.encode", 1, (_, a) => S(Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(a, 0)))));
        t.Add("base64.decode", 1, (_, a) => S(Utf8(Convert.FromBase64String(Str(a, 0)))));
        t.Add("base64.is_valid", 1, (_, a) => B(a[0] is StringValue s && TryBase64(s.Value, out byte[] _)));
        t.Add("base64url.encode", 1, (_, a) => S(Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(a, 0))).Replace('+', '-').Replace('/', '_')));
        t.Add("base64url.encode_no_pad", 1, (_, a) => S(Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(a, 0))).Replace('+', '-').Replace('/', '_').TrimEnd('=')));
        t.Add("base64url.decode", 1, (_, a) =>
        {
            var s = Str(a, 0).Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
            return S(Utf8(Convert.FromBase64String(s)));
        });
        t.Add("hex.encode", 1, (_, a) => S(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(Str(a, 0)))));
        t.Add("hex.decode", 1, (_, a) => S(Utf8(Convert.FromHexString(Str(a, 0)))));
        t.Add("json.marshal", 1, (_, a) => S(ValueJson.ToJsonString(a[0])));
        t.Add("json.marshal_with_options", 2, (_, a) =>
        {
            var opts = Obj(a, 1);
            var pretty = opts.Get("pretty") is BoolValue { Value: true } || opts.Get("indent") is not null || opts.Get("prefix") is not null;
            if (!pretty)
            {
                return S(ValueJson.ToJsonString(a[0]));
            }

            var indent = opts.Get("indent") is StringValue ind ? ind.Value : "\t";
            var prefix = opts.Get("prefix") is StringValue pre ? pre.Value : "";
            var text = ValueJson.ToJsonString(a[0], indented: true);
            var lines = text.Split('\n').Select(l =>
            {
                var n = l.Length - l.TrimStart(' ').Length;
                return prefix + string.Concat(Enumerable.Repeat(indent, n / 2)) + l.TrimStart(' ');
            });
            return S(string.Join("\n", lines));
        });
        t.Add("json.unmarshal", 1, (_, a) => ValueJson.Parse(Str(a, 0)));
        t.Add("json.is_valid", 1, (_, a) => B(a[0] is StringValue s && Parses(() => ValueJson.Parse(s.Value))));
        t.Add("yaml.marshal", 1, (_, a) => S(ValueYaml.Write(a[0])));
        t.Add("yaml.unmarshal", 1, (_, a) => ValueYaml.Parse(Str(a, 0)));
        t.Add("yaml.is_valid", 1, (_, a) => B(a[0] is StringValue s && Parses(() => ValueYaml.Parse(s.Value))));
        t.Add("urlquery.encode", 1, (_, a) => S(QueryEscape(Str(a, 0))));
        t.Add("urlquery.decode", 1, (_, a) => S(QueryUnescape(Str(a, 0))));
        t.Add("urlquery.encode_object", 1, (_, a) =>
        {
            var parts = new List<string>();
            foreach (var (k, v) in Obj(a, 0).SortedPairs())
            {
                var key = k is StringValue ks ? ks.Value : throw new BuiltinException("operand 1 keys must be strings", true);
                IEnumerable<Value> values = v switch
                {
                    StringValue => [v],
                    ArrayValue arr => arr.Items,
                    SetValue set => set.Sorted,
                    _ => throw new BuiltinException("operand 1 values must be strings, arrays or sets of strings", true),
                };
                foreach (var x in values)
                {
                    parts.Add(QueryEscape(key) + "=" + QueryEscape(x is StringValue xs ? xs.Value : throw new BuiltinException("operand 1 values must be strings", true)));
                }
            }

            return S(string.Join("&", parts));
        });
        t.Add("urlquery.decode_object", 1, (_, a) =>
        {
            var d = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
            foreach (var part in Str(a, 0).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var key = QueryUnescape(eq < 0 ? part : part[..eq]);
                var val = eq < 0 ? "" : QueryUnescape(part[(eq + 1)..]);
                if (!d.TryGetValue(key, out var list))
                {
                    d[key] = list = [];
                }

                list.Add(S(val));
            }

            return ObjFrom(d.Select(p => new KeyValuePair<string, Value>(p.Key, new ArrayValue(p.Value.ToArray()))));
        });
    }

    private static bool Parses(Func<Value> parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (Exception e) when (e is FormatException or YamlDotNet.Core.YamlException)
        {
            return false;
        }
    }

    private static string Utf8(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes);

    private static bool TryBase64(string s, out byte[] bytes)
    {
        bytes = new byte[(s.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(s, bytes, out _);
    }

    /// <summary>Go's url.QueryEscape: unreserved bytes stay, space becomes '+', the rest %XX.</summary>
    private static string QueryEscape(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string QueryUnescape(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%')
            {
                if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var b))
                {
                    throw new BuiltinException($"invalid URL escape \"{s.Substring(i, Math.Min(3, s.Length - i))}\"");
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

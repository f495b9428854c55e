using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cilock.Rego.Values;

/// <summary>YAML to and from Rego values (core schema typing for plain scalars; anchors are resolved by YamlDotNet).</summary>
internal static partial class ValueYaml
{
    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex NumberPattern();

    public static Value Parse(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return stream.Documents.Count == 0 ? NullValue.Instance : FromNode(stream.Documents[0].RootNode, 0);
    }

    /// <summary>Converts a loaded YAML node (core schema typing for plain scalars).</summary>
    public static Value FromNode(YamlNode node) => FromNode(node, 0);

    private static Value FromNode(YamlNode node, int depth)
    {
        if (depth > ValueJson.MaxDepth)
        {
            throw new FormatException($"YAML nesting exceeds the maximum depth of {ValueJson.MaxDepth}");
        }

        switch (node)
        {
            case YamlScalarNode s:
            {
                var text = s.Value ?? "";
                if (s.Style != ScalarStyle.Plain)
                {
                    return new StringValue(text);
                }

                switch (text)
                {
                    case "" or "~" or "null" or "Null" or "NULL":
                        return NullValue.Instance;
                    case "true" or "True" or "TRUE":
                        return BoolValue.True;
                    case "false" or "False" or "FALSE":
                        return BoolValue.False;
                }

                return NumberPattern().IsMatch(text) && NumberValue.TryParse(text, out var n) ? n : new StringValue(text);
            }

            case YamlSequenceNode seq:
                return new ArrayValue(seq.Children.Select(c => FromNode(c, depth + 1)).ToArray());
            case YamlMappingNode map:
            {
                var d = new Dictionary<Value, Value>();
                foreach (var (k, v) in map.Children)
                {
                    var key = FromNode(k, depth + 1);
                    d[key is StringValue ? key : new StringValue(k is YamlScalarNode ks ? ks.Value ?? "" : key.ToString())] = FromNode(v, depth + 1);
                }

                return new ObjectValue(d);
            }

            default:
                return NullValue.Instance;
        }
    }

    /// <summary>Block-style YAML with sorted keys, like Go's yaml marshalling of a JSON document.</summary>
    public static string Write(Value v)
    {
        var sb = new StringBuilder();
        WriteNode(sb, v, 0, false);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, Value v, int indent, bool inline)
    {
        var pad = new string(' ', indent);
        switch (v)
        {
            case ObjectValue o when o.Count > 0:
            {
                var first = true;
                foreach (var (k, x) in o.SortedPairs())
                {
                    if (!(first && inline))
                    {
                        sb.Append(pad);
                    }

                    first = false;
                    sb.Append(Scalar(k is StringValue ks ? ks.Value : ValueJson.ToJsonString(k))).Append(':');
                    WriteChild(sb, x, indent + 2);
                }

                break;
            }

            case ArrayValue or SetValue when Items(v).Length > 0:
            {
                var first = true;
                foreach (var x in Items(v))
                {
                    if (!(first && inline))
                    {
                        sb.Append(pad);
                    }

                    first = false;
                    sb.Append("- ");
                    if (x is ObjectValue { Count: > 0 } or ArrayValue { Count: > 0 } or SetValue { Count: > 0 })
                    {
                        WriteNode(sb, x, indent + 2, true);
                    }
                    else
                    {
                        sb.Append(Inline(x)).Append('\n');
                    }
                }

                break;
            }

            default:
                sb.Append(inline ? "" : pad).Append(Inline(v)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder sb, Value x, int indent)
    {
        if (x is ObjectValue { Count: > 0 } or ArrayValue { Count: > 0 } or SetValue { Count: > 0 })
        {
            sb.Append('\n');
            WriteNode(sb, x, x is ObjectValue ? indent : indent - 2, false);
        }
        else
        {
            sb.Append(' ').Append(Inline(x)).Append('\n');
        }
    }

    private static Value[] Items(Value v) => v is ArrayValue a ? a.Items : ((SetValue)v).Sorted;

    private static string Inline(Value v) => v switch
    {
        NullValue => "null",
        BoolValue b => b.Value ? "true" : "false",
        NumberValue n => n.ToString(),
        StringValue s => Scalar(s.Value),
        ObjectValue => "{}",
        _ => "[]",
    };

    private static string Scalar(string s)
    {
        var needsQuote = s.Length == 0 || s is "null" or "true" or "false" or "~" || NumberPattern().IsMatch(s)
            || s.IndexOfAny([':', '#', '\n', '"', '\'', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`']) >= 0
            || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || s[0] is '-' or '?';
        return needsQuote ? ValueJson.ToJsonString(new StringValue(s)) : s;
    }
}

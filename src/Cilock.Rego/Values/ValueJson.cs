using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cilock.Rego.Values;

/// <summary>Converts between JSON text and Rego values (numbers exact, depth bounded).</summary>
internal static class ValueJson
{
    /// <summary>Deepest JSON nesting accepted; deeper documents are refused rather than risking the stack.</summary>
    public const int MaxDepth = 1000;

    /// <summary>Deepest value written as JSON (results may nest a little deeper than accepted input).</summary>
    public const int MaxOutputDepth = 2 * MaxDepth;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true, MaxDepth = MaxOutputDepth };

    /// <summary>Parses JSON; throws <see cref="FormatException"/> with a clear message on bad or too deep input.</summary>
    public static Value Parse(string json)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read())
            {
                throw new FormatException("invalid JSON: empty document");
            }

            var value = Read(ref reader);
            if (reader.Read())
            {
                throw new FormatException("invalid JSON: trailing content after the document");
            }

            return value;
        }
        catch (JsonException e)
        {
            var msg = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"JSON nesting exceeds the maximum depth of {MaxDepth}"
                : "invalid JSON: " + e.Message;
            throw new FormatException(msg, e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString throws this for "\ud800" (an unpaired surrogate escape); found by build/fuzz.sh rego.
            throw new FormatException("invalid JSON: a string is not valid UTF-16 (" + e.Message + ")", e);
        }
    }

    /// <summary>Reads the value at the reader's current token (streaming; no intermediate document).</summary>
    private static Value Read(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.Null:
                return NullValue.Instance;
            case JsonTokenType.True:
                return BoolValue.True;
            case JsonTokenType.False:
                return BoolValue.False;
            case JsonTokenType.Number:
                if (r.TryGetInt64(out var l))
                {
                    return NumberValue.Of(l);
                }

                var text = Encoding.UTF8.GetString(r.ValueSpan);
                return NumberValue.TryParse(text, out var n) ? n : throw new FormatException("number out of range: " + text);
            case JsonTokenType.String:
                return new StringValue(r.GetString()!);
            case JsonTokenType.StartArray:
            {
                var items = new List<Value>();
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref r));
                }

                return new ArrayValue(items.ToArray());
            }

            case JsonTokenType.StartObject:
            {
                var d = new Dictionary<Value, Value>();
                while (r.Read() && r.TokenType != JsonTokenType.EndObject)
                {
                    var key = new StringValue(r.GetString()!);
                    r.Read();
                    d[key] = Read(ref r);
                }

                return new ObjectValue(d);
            }

            default:
                throw new FormatException("invalid JSON token " + r.TokenType);
        }
    }

    public static Value FromElement(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
                return NullValue.Instance;
            case JsonValueKind.True:
                return BoolValue.True;
            case JsonValueKind.False:
                return BoolValue.False;
            case JsonValueKind.Number:
                if (e.TryGetInt64(out var l))
                {
                    return NumberValue.Of(l);
                }

                return NumberValue.TryParse(e.GetRawText(), out var n) ? n : throw new FormatException("number out of range: " + e.GetRawText());
            case JsonValueKind.String:
                return new StringValue(e.GetString()!);
            case JsonValueKind.Array:
            {
                var items = new Value[e.GetArrayLength()];
                var i = 0;
                foreach (var x in e.EnumerateArray())
                {
                    items[i++] = FromElement(x);
                }

                return new ArrayValue(items);
            }

            case JsonValueKind.Object:
            {
                var d = new Dictionary<Value, Value>();
                foreach (var p in e.EnumerateObject())
                {
                    d[new StringValue(p.Name)] = FromElement(p.Value);
                }

                return new ObjectValue(d);
            }

            default:
                throw new FormatException("unsupported JSON value");
        }
    }

    public static string ToJsonString(Value v, bool indented = false)
    {
        using var ms = new MemoryStream();
        try
        {
            using var w = new Utf8JsonWriter(ms, WriterOptions with { Indented = indented });
            Write(w, v);
        }
        catch (InvalidOperationException)
        {
            throw new RegoException("rego_output_error", $"value nests deeper than {MaxOutputDepth} levels");
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes a value the way OPA serialises it: sets as sorted arrays, non-string keys as their JSON text.</summary>
    public static void Write(Utf8JsonWriter w, Value v)
    {
        switch (v)
        {
            case NullValue:
                w.WriteNullValue();
                break;
            case BoolValue b:
                w.WriteBooleanValue(b.Value);
                break;
            case NumberValue n:
                w.WriteRawValue(n.ToString(), skipInputValidation: true);
                break;
            case StringValue s:
                w.WriteStringValue(s.Value);
                break;
            case ArrayValue a:
                w.WriteStartArray();
                foreach (var x in a.Items)
                {
                    Write(w, x);
                }

                w.WriteEndArray();
                break;
            case SetValue s:
                w.WriteStartArray();
                foreach (var x in s.Sorted)
                {
                    Write(w, x);
                }

                w.WriteEndArray();
                break;
            case ObjectValue o:
                w.WriteStartObject();
                foreach (var (k, x) in o.SortedPairs())
                {
                    w.WritePropertyName(k is StringValue ks ? ks.Value : ToJsonString(k));
                    Write(w, x);
                }

                w.WriteEndObject();
                break;
        }
    }
}

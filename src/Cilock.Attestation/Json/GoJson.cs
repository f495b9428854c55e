using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cilock.Attestation.Json;

/// <summary>
/// JSON conventions shared by everything that reads or writes evidence: Go-like reading (members bind
/// case-insensitively, the last duplicate wins, unknown members are ignored, <c>null</c> means empty) and compact
/// writing with Go's escaping (<see cref="GoJsonEncoder"/>).
/// </summary>
internal static class GoJson
{
    /// <summary>Escapes exactly what Go escapes (HTML-sensitive characters, controls); other text is written raw.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = GoJsonEncoder.Instance,
        Indented = false,
    };

    /// <summary>Duplicate members are tolerated (Go keeps the last), comments and trailing commas are not.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = true,
        MaxDepth = 512,
    };

    /// <summary>Parses bytes into a document with Go-compatible tolerance.</summary>
    /// <exception cref="JsonException">For malformed JSON.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8) => JsonDocument.Parse(utf8, DocumentOptions);

    /// <summary>
    /// The first member name of <paramref name="obj"/> that occurs twice (compared case-insensitively, as Go binds
    /// them), or <c>null</c>. Signed structures (envelopes, statements) refuse such objects: Go keeps the last
    /// duplicate while other readers keep the first, so the same bytes could mean two things (hardening, issue #12).
    /// </summary>
    public static string? FindDuplicateMember(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                return property.Name;
            }
        }

        return null;
    }

    /// <summary>Finds member <paramref name="name"/> like Go does: case-insensitive, last occurrence wins.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var found = false;
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                found = true;
            }
        }

        return found && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>Finds member <paramref name="name"/> in a node object like Go does (case-insensitive, last wins).</summary>
    public static JsonNode? Get(JsonNode? obj, string name)
    {
        if (obj is not JsonObject o)
        {
            return null;
        }

        JsonNode? found = null;
        foreach (var (key, value) in o)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                found = value;
            }
        }

        return found;
    }

    /// <summary>A string member, <c>""</c> when absent or null; throws when it has another type.</summary>
    public static string GetString(JsonNode? obj, string name)
    {
        var node = Get(obj, name);
        return node switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw new JsonException($"member '{name}' must be a string"),
        };
    }

    /// <summary>An integer member, 0 when absent or null; throws for fractions and other types (like Go).</summary>
    public static long GetInt64(JsonNode? obj, string name)
    {
        var node = Get(obj, name);
        if (node is null)
        {
            return 0;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n))
        {
            return n;
        }

        if (node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && long.TryParse(d.ToJsonString(), out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"member '{name}' must be an integer");
    }

    /// <summary>
    /// Converts an element to a mutable node keeping every number's original text. Duplicate members collapse to
    /// the last one, as Go would decode them.
    /// </summary>
    public static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    /// <summary>Parses bytes into a node (Go tolerance, numbers kept as text).</summary>
    /// <exception cref="JsonException">For malformed JSON.</exception>
    public static JsonNode? ParseNode(ReadOnlyMemory<byte> utf8)
    {
        using var doc = Parse(utf8);
        return ToNode(doc.RootElement);
    }

    /// <summary>Serializes a node compactly with <see cref="WriterOptions"/>.</summary>
    public static byte[] ToBytes(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }
}

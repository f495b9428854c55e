using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Attestors.Slsa;

/// <summary>
/// Reading and writing helpers shared by the provenance model: member lookup in either casing (camelCase = cilock
/// and the SLSA spec, snake_case = Witness' protobuf field names), the two time encodings and Go's sorted maps.
/// </summary>
internal static class SlsaJson
{
    /// <summary>The member named <paramref name="camel"/> or <paramref name="snake"/> (Go binding: case-insensitive).</summary>
    public static JsonNode? Member(JsonNode? obj, string camel, string snake) =>
        GoJson.Get(obj, camel) ?? (camel == snake ? null : GoJson.Get(obj, snake));

    /// <summary>An object member, <c>null</c> when absent or null.</summary>
    /// <exception cref="CilockException">CIL6200 when it is not an object.</exception>
    public static JsonObject? Object(JsonNode? obj, string camel, string snake, string path) =>
        Member(obj, camel, snake) switch
        {
            null => null,
            JsonObject o => o,
            _ => throw Invalid($"{path}.{camel} must be an object"),
        };

    /// <summary>A string member, <c>""</c> when absent or null.</summary>
    /// <exception cref="CilockException">CIL6200 when it is not a string.</exception>
    public static string String(JsonNode? obj, string camel, string snake, string path) =>
        Member(obj, camel, snake) switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Invalid($"{path}.{camel} must be a string"),
        };

    /// <summary>An array member, empty when absent or null.</summary>
    /// <exception cref="CilockException">CIL6200 when it is not an array.</exception>
    public static IReadOnlyList<JsonNode?> Array(JsonNode? obj, string camel, string snake, string path) =>
        Member(obj, camel, snake) switch
        {
            null => [],
            JsonArray a => [.. a],
            _ => throw Invalid($"{path}.{camel} must be an array"),
        };

    /// <summary>A string-to-string map member (digests, builder versions), empty when absent.</summary>
    /// <exception cref="CilockException">CIL6200 when it is not an object of strings.</exception>
    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? obj, string camel, string snake, string path)
    {
        var map = new SortedDictionary<string, string>(Utf8Order.Instance);
        foreach (var (key, value) in Object(obj, camel, snake, path) ?? [])
        {
            map[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw Invalid($"{path}.{camel}.{key} must be a string");
        }

        return map;
    }

    /// <summary>
    /// A time member in either encoding: an RFC 3339 string (cilock, protojson) or Witness' protobuf
    /// <c>{"seconds": n, "nanos": n}</c> object; <c>null</c> when absent.
    /// </summary>
    /// <exception cref="CilockException">CIL6200 for anything else or an out-of-range time.</exception>
    public static DateTimeOffset? Time(JsonNode? obj, string camel, string snake, string path)
    {
        var node = Member(obj, camel, snake);
        switch (node)
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return Rfc3339.TryParse(v.GetValue<string>(), out var parsed)
                    ? parsed
                    : throw Invalid($"{path}.{camel} is not an RFC 3339 time");
            case JsonObject o:
                long seconds, nanos;
                try
                {
                    seconds = GoJson.GetInt64(o, "seconds");
                    nanos = GoJson.GetInt64(o, "nanos");
                }
                catch (JsonException e)
                {
                    throw Invalid($"{path}.{camel}: {e.Message}");
                }

                // The protobuf Timestamp range (years 1–9999) is also DateTimeOffset's; nanos must be a fraction.
                const long MinSeconds = -62135596800, MaxSeconds = 253402300799;
                if (seconds is < MinSeconds or > MaxSeconds || nanos is < 0 or > 999_999_999)
                {
                    throw Invalid($"{path}.{camel} is out of range");
                }

                return DateTimeOffset.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (nanos / 100));
            default:
                throw Invalid($"{path}.{camel} must be an RFC 3339 string or a {{seconds, nanos}} object");
        }
    }

    /// <summary>Witness' protobuf timestamp: <c>{"seconds": n, "nanos": n}</c>, each omitted when 0 (Go <c>omitempty</c>).</summary>
    public static JsonObject ProtoTimestamp(DateTimeOffset time)
    {
        var ticks = (time.UtcDateTime - DateTime.UnixEpoch).Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        var result = new JsonObject();
        if (seconds != 0)
        {
            result["seconds"] = seconds;
        }

        if (remainder != 0)
        {
            result["nanos"] = remainder * 100;
        }

        return result;
    }

    /// <summary>A deep copy with every object's members in Go's map order (UTF-8 byte order), as both products write maps.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, Utf8Order.Instance)
            .Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    /// <summary>A string map as a JSON object in Go's map order.</summary>
    public static JsonObject ToObject(IReadOnlyDictionary<string, string> map) =>
        new(map.OrderBy(kv => kv.Key, Utf8Order.Instance).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    /// <summary>The coded refusal of a malformed predicate.</summary>
    public static CilockException Invalid(string message) =>
        new(SlsaDiagnostics.InvalidPredicate, $"invalid SLSA provenance: {message}");
}

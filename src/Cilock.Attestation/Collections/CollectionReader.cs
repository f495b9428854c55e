using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Collections;

/// <summary>
/// Reads statement payloads and attestation collections of both dialects with Go's tolerance: members bind
/// case-insensitively, unknown members are ignored, <c>null</c> reads as empty, unknown attestation types are kept
/// as raw JSON, <c>_type</c> is not checked (v0.1 and v1 both parse).
/// </summary>
public static class CollectionReader
{
    /// <summary>Parses a statement payload (the exact bytes that were signed; they are not re-serialized).</summary>
    /// <exception cref="CilockException">CIL1032 for malformed JSON or a missing <c>predicateType</c>.</exception>
    public static Statement ReadStatement(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var doc = GoJson.Parse(payload);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the statement must be a JSON object");
            }

            // Hardening (issue #12): first-wins and last-wins readers would see different statements.
            if (GoJson.FindDuplicateMember(root) is { } duplicate)
            {
                throw Invalid($"the statement has a duplicate member '{duplicate}' (member names are case-insensitive)");
            }

            var type = GoJson.TryGet(root, "_type", out var t) ? StringOf(t, "_type") : "";
            var predicateType = GoJson.TryGet(root, "predicateType", out var pt) ? StringOf(pt, "predicateType") : "";
            if (predicateType.Length == 0)
            {
                throw Invalid("the statement has no predicateType");
            }

            var subjects = new List<Subject>();
            if (GoJson.TryGet(root, "subject", out var subjectArray))
            {
                if (subjectArray.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid("'subject' must be an array");
                }

                foreach (var item in subjectArray.EnumerateArray())
                {
                    subjects.Add(ReadSubject(item));
                }
            }

            var predicate = GoJson.TryGet(root, "predicate", out var p) ? GoJson.ToNode(p) : null;
            return new Statement(predicateType, subjects, predicate, type);
        }
        catch (JsonException e)
        {
            throw new CilockException(EvidenceDiagnostics.InvalidStatement, $"the statement is not valid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument validates UTF-8 inside strings only when they are read (found by build/fuzz.sh statement).
            throw new CilockException(EvidenceDiagnostics.InvalidStatement, "the statement has a string that is not valid UTF-8/UTF-16", e);
        }
    }

    /// <summary>Parses a statement payload whose predicate must be an attestation collection.</summary>
    /// <exception cref="CilockException">CIL1032/CIL1033 when the statement or the collection is malformed.</exception>
    public static CollectionDocument Read(ReadOnlyMemory<byte> payload)
    {
        var statement = ReadStatement(payload);
        if (!AttestationTypes.IsCollection(statement.PredicateType))
        {
            throw new CilockException(
                EvidenceDiagnostics.InvalidCollection,
                $"predicate type '{statement.PredicateType}' is not an attestation collection");
        }

        return new CollectionDocument(statement, ReadCollection(statement.Predicate));
    }

    /// <summary>Decodes a collection predicate object.</summary>
    /// <exception cref="CilockException">CIL1033 for a malformed entry, time or backref.</exception>
    public static AttestationCollection ReadCollection(JsonNode? predicate)
    {
        if (predicate is not JsonObject)
        {
            throw InvalidCollection("the collection predicate must be a JSON object");
        }

        try
        {
            var name = GoJson.GetString(predicate, "name");
            var entries = new List<CollectionEntry>();
            switch (GoJson.Get(predicate, "attestations"))
            {
                case null:
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        entries.Add(ReadEntry(item, entries.Count));
                    }

                    break;
                default:
                    throw InvalidCollection("'attestations' must be an array");
            }

            return new AttestationCollection(name, entries, ReadBackrefs(GoJson.Get(predicate, "backrefs")));
        }
        catch (JsonException e)
        {
            throw InvalidCollection(e.Message);
        }
        catch (InvalidOperationException)
        {
            throw InvalidCollection("a string is not valid UTF-8/UTF-16");
        }
    }

    private static CollectionEntry ReadEntry(JsonNode? item, int index)
    {
        if (item is not JsonObject)
        {
            throw InvalidCollection($"attestations[{index}] must be an object");
        }

        var type = GoJson.GetString(item, "type");
        if (type.Length == 0)
        {
            throw InvalidCollection($"attestations[{index}] has no type");
        }

        var attestation = GoJson.Get(item, "attestation")?.DeepClone();
        return new CollectionEntry(type, attestation, ReadTime(item, "starttime", index), ReadTime(item, "endtime", index));
    }

    private static DateTimeOffset ReadTime(JsonNode item, string member, int index)
    {
        var text = GoJson.GetString(item, member);
        if (text.Length == 0)
        {
            return DateTimeOffset.MinValue;
        }

        return Rfc3339.TryParse(text, out var value)
            ? value
            : throw InvalidCollection($"attestations[{index}].{member} '{text}' is not an RFC 3339 time");
    }

    private static Dictionary<string, DigestSet>? ReadBackrefs(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            throw InvalidCollection("'backrefs' must be an object");
        }

        var result = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            result[key] = ReadDigestSet(value, $"backrefs['{key}']");
        }

        return result;
    }

    /// <summary>Reads a digest set node strictly (five known keys, valid values), like Go's DigestSet decoding.</summary>
    internal static DigestSet ReadDigestSet(JsonNode? node, string where)
    {
        if (node is null)
        {
            return DigestSet.Empty;
        }

        if (node is not JsonObject obj)
        {
            throw new JsonException($"{where} must be a digest object");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (alg, value) in obj)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw new JsonException($"{where}: digest '{alg}' must be a string");
            }

            pairs.Add(new(alg, v.GetValue<string>()));
        }

        try
        {
            return DigestSet.Create(pairs);
        }
        catch (CilockException e)
        {
            throw new JsonException($"{where}: {e.Message}", e);
        }
    }

    private static Subject ReadSubject(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("every subject must be an object");
        }

        if (GoJson.FindDuplicateMember(item) is { } duplicate)
        {
            throw Invalid($"a subject has a duplicate member '{duplicate}'");
        }

        var name = GoJson.TryGet(item, "name", out var n) ? StringOf(n, "subject.name") : "";
        var digest = new Dictionary<string, string>(StringComparer.Ordinal);
        if (GoJson.TryGet(item, "digest", out var d))
        {
            if (d.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"subject '{name}': digest must be an object");
            }

            foreach (var property in d.EnumerateObject())
            {
                digest[property.Name] = StringOf(property.Value, $"subject '{name}' digest");
            }
        }

        return new Subject(name, digest);
    }

    private static string StringOf(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Invalid($"'{what}' must be a string");

    private static CilockException Invalid(string message) => new(EvidenceDiagnostics.InvalidStatement, message);

    private static CilockException InvalidCollection(string message) =>
        new(EvidenceDiagnostics.InvalidCollection, $"invalid attestation collection: {message}");
}

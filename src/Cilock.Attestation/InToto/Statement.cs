using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.InToto;

/// <summary>
/// An in-toto Statement (spec statement-and-collection.md §1). Go products emit v0.1; readers accept v0.1 and v1
/// without checking <c>_type</c>.
/// </summary>
public sealed class Statement
{
    /// <summary>The v0.1 statement type, which every collection uses.</summary>
    public const string TypeV01 = "https://in-toto.io/Statement/v0.1";

    /// <summary>The v1 statement type (standalone Sigstore/SLSA predicates).</summary>
    public const string TypeV1 = "https://in-toto.io/Statement/v1";

    /// <summary>Creates a statement; subjects are sorted by name (ordinal) so the payload is deterministic.</summary>
    public Statement(string predicateType, IEnumerable<Subject> subjects, JsonNode? predicate, string type = TypeV01)
    {
        ArgumentException.ThrowIfNullOrEmpty(predicateType);
        ArgumentNullException.ThrowIfNull(subjects);
        PredicateType = predicateType;
        Type = type;
        Subjects = [.. subjects.OrderBy(s => s.Name, StringComparer.Ordinal)];
        Predicate = predicate;
    }

    /// <summary>The <c>_type</c> member (not validated on read).</summary>
    public string Type { get; }

    /// <summary>The subjects, sorted by name.</summary>
    public IReadOnlyList<Subject> Subjects { get; }

    /// <summary>The predicate type URI.</summary>
    public string PredicateType { get; }

    /// <summary>The predicate (numbers keep their original text when read).</summary>
    public JsonNode? Predicate { get; }

    /// <summary>Serializes the statement as compact UTF-8 JSON (subject <c>[]</c> when none).</summary>
    public byte[] ToJsonBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, GoJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("_type", Type);
            writer.WriteStartArray("subject");
            foreach (var subject in Subjects)
            {
                writer.WriteStartObject();
                writer.WriteString("name", subject.Name);
                writer.WriteStartObject("digest");
                foreach (var (alg, value) in subject.Digest)
                {
                    writer.WriteString(alg, value);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("predicateType", PredicateType);
            writer.WritePropertyName("predicate");
            if (Predicate is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                Predicate.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

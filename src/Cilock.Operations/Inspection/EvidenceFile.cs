using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Diagnostics;

namespace Cilock.Operations.Inspection;

/// <summary>
/// Tells a single envelope, a <c>.intoto.jsonl</c> file and a bare statement apart. A file that is one JSON document is
/// an envelope (it has <c>payload</c>/<c>signatures</c>) or a statement (<c>predicateType</c>/<c>_type</c>); otherwise
/// every non-empty line must be an envelope, and errors name the line.
/// </summary>
internal static class EvidenceFile
{
    /// <summary>Parses <paramref name="bytes"/>; for <see cref="EvidenceFileKind.Statement"/> the list is empty.</summary>
    /// <exception cref="CilockException">Malformed envelopes (CIL1011–CIL1013) or CIL1522 when the file is not evidence.</exception>
    public static (EvidenceFileKind Kind, IReadOnlyList<(int Line, DsseEnvelope Envelope)> Envelopes) Parse(byte[] bytes, string path)
    {
        var text = DecodeUtf8(bytes, path);
        var kind = Classify(text);
        if (kind == EvidenceFileKind.Envelope && path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            // A one-line .intoto.jsonl is still a JSON-lines file; report it as such.
            kind = EvidenceFileKind.JsonLines;
        }

        switch (kind)
        {
            case EvidenceFileKind.Statement:
                return (kind, []);
            case EvidenceFileKind.Envelope:
                return (kind, [(1, DsseEnvelope.Parse(text))]);
            default:
                var envelopes = DsseEnvelope.ReadJsonLines(text);
                var lines = NonEmptyLineNumbers(text);
                return (kind, [.. envelopes.Select((e, i) => (i < lines.Count ? lines[i] : i + 1, e))]);
        }
    }

    private static EvidenceFileKind Classify(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw NotEvidence("the file is JSON but not an object");
            }

            if (Has(doc.RootElement, "payload") || Has(doc.RootElement, "signatures") || Has(doc.RootElement, "payloadType"))
            {
                return EvidenceFileKind.Envelope;
            }

            if (Has(doc.RootElement, "predicateType") || Has(doc.RootElement, "_type"))
            {
                return EvidenceFileKind.Statement;
            }

            throw NotEvidence("the JSON object is neither a DSSE envelope (payload, payloadType, signatures) nor an in-toto statement (_type, predicateType)");
        }
        catch (JsonException)
        {
            // Not one document: a .intoto.jsonl file when it has several non-empty lines, otherwise malformed JSON
            // that the envelope parser reports with its own code.
            return NonEmptyLineNumbers(text).Count > 1 ? EvidenceFileKind.JsonLines : EvidenceFileKind.Envelope;
        }
    }

    private static bool Has(JsonElement obj, string name) =>
        obj.EnumerateObject().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static List<int> NonEmptyLineNumbers(string text)
    {
        var result = new List<int>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                result.Add(i + 1);
            }
        }

        return result;
    }

    private static string DecodeUtf8(byte[] bytes, string path)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw NotEvidence($"'{path}' is not UTF-8 text");
        }
    }

    private static CilockException NotEvidence(string message) =>
        new(OperationDiagnostics.UnrecognizedEvidence, message);
}

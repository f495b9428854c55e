using System.Text;
using System.Text.Json;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Dsse;

/// <summary>
/// A DSSE envelope (spec dsse-and-keys.md §1): payload type, raw payload bytes and one or more signatures over
/// <see cref="Pae.Encode"/>. Reads what Witness and cilock write and writes byte-identical compact JSON.
/// </summary>
public sealed class DsseEnvelope
{
    /// <summary>The in-toto statement payload type.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>Creates an envelope.</summary>
    public DsseEnvelope(string payloadType, byte[] payload, IReadOnlyList<DsseSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signatures);
        PayloadType = payloadType;
        Payload = payload;
        Signatures = signatures;
    }

    /// <summary>The payload type, e.g. <see cref="InTotoPayloadType"/>.</summary>
    public string PayloadType { get; }

    /// <summary>The raw payload bytes (never re-serialized: verification and digests use exactly these).</summary>
    public byte[] Payload { get; }

    /// <summary>The signatures, in document order.</summary>
    public IReadOnlyList<DsseSignature> Signatures { get; }

    /// <summary>Parses an envelope from JSON text.</summary>
    /// <param name="json">The envelope JSON.</param>
    /// <param name="lenient">Also accept URL-safe or unpadded base64 (Go refuses it).</param>
    /// <exception cref="CilockException">CIL1011 malformed JSON or members, CIL1012 bad base64, CIL1013 no signatures.</exception>
    public static DsseEnvelope Parse(string json, bool lenient = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), lenient);
    }

    /// <summary>Parses an envelope from UTF-8 JSON bytes (a leading byte-order mark is skipped).</summary>
    /// <param name="utf8Json">The envelope JSON.</param>
    /// <param name="lenient">Also accept URL-safe or unpadded base64 (Go refuses it).</param>
    /// <exception cref="CilockException">CIL1011 malformed JSON or members, CIL1012 bad base64, CIL1013 no signatures.</exception>
    public static DsseEnvelope Parse(ReadOnlySpan<byte> utf8Json, bool lenient = false) => Parse(utf8Json, lenient, "");

    /// <summary>
    /// Reads a JSON Lines file (<c>.intoto.jsonl</c>): one envelope per non-blank line; an error names its line.
    /// </summary>
    /// <exception cref="CilockException">The codes of <see cref="Parse(string, bool)"/>, prefixed with the line number.</exception>
    public static IReadOnlyList<DsseEnvelope> ReadJsonLines(string text, bool lenient = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DsseEnvelope>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i == 0 && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                result.Add(Parse(Encoding.UTF8.GetBytes(line), lenient, $"line {i + 1}: "));
            }
        }

        return result;
    }

    /// <summary>Compact JSON in Go's member order (payload, payloadType, signatures); empty optional members omitted; no trailing newline.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder(Payload.Length * 4 / 3 + 512);
        sb.Append("{\"payload\":");
        GoJsonString.Append(sb, Convert.ToBase64String(Payload));
        sb.Append(",\"payloadType\":");
        GoJsonString.Append(sb, PayloadType);
        sb.Append(",\"signatures\":[");
        for (var i = 0; i < Signatures.Count; i++)
        {
            var s = Signatures[i];
            sb.Append(i == 0 ? "{\"keyid\":" : ",{\"keyid\":");
            GoJsonString.Append(sb, s.KeyId);
            sb.Append(",\"sig\":");
            GoJsonString.Append(sb, Convert.ToBase64String(s.Signature));
            if (s.CertificatePem is { Length: > 0 })
            {
                sb.Append(",\"certificate\":");
                GoJsonString.Append(sb, Convert.ToBase64String(Encoding.UTF8.GetBytes(s.CertificatePem)));
            }

            if (s.IntermediatePems.Count > 0)
            {
                sb.Append(",\"intermediates\":[");
                for (var j = 0; j < s.IntermediatePems.Count; j++)
                {
                    sb.Append(j == 0 ? "" : ",");
                    GoJsonString.Append(sb, Convert.ToBase64String(Encoding.UTF8.GetBytes(s.IntermediatePems[j])));
                }

                sb.Append(']');
            }

            if (s.Timestamps.Count > 0)
            {
                sb.Append(",\"timestamps\":[");
                for (var j = 0; j < s.Timestamps.Count; j++)
                {
                    sb.Append(j == 0 ? "{\"type\":\"tsp\",\"data\":" : ",{\"type\":\"tsp\",\"data\":");
                    GoJsonString.Append(sb, Convert.ToBase64String(s.Timestamps[j]));
                    sb.Append('}');
                }

                sb.Append(']');
            }

            sb.Append('}');
        }

        sb.Append("]}");
        return sb.ToString();
    }

    /// <summary>The UTF-8 bytes of <see cref="ToJson"/>.</summary>
    public byte[] ToJsonBytes() => Encoding.UTF8.GetBytes(ToJson());

    private static DsseEnvelope Parse(ReadOnlySpan<byte> utf8Json, bool lenient, string line)
    {
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8Json = utf8Json[3..];
        }

        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
            doc = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                // ParseValue stops after one value; anything but whitespace afterwards is a second document.
                doc.Dispose();
                throw Malformed(line, "unexpected data after the envelope object");
            }
        }
        catch (JsonException e)
        {
            throw Malformed(line, $"not valid JSON ({e.Message})");
        }

        using (doc)
        {
            try
            {
                return Read(doc.RootElement, lenient, line);
            }
            catch (InvalidOperationException)
            {
                // JsonDocument validates strings only when they are read: invalid UTF-8 or an unpaired surrogate
                // escape such as "\ud800" throws here (both found by build/fuzz.sh dsse).
                throw Malformed(line, "a string is not valid UTF-8/UTF-16");
            }
        }
    }

    private static DsseEnvelope Read(JsonElement root, bool lenient, string line)
    {
        var ctx = new Context(line, lenient);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(line, "the envelope is not a JSON object");
        }

        RejectDuplicateMembers(root, line, "the envelope");

        var payloadType = ctx.RequiredString(root, "", "payloadType");
        var payload = ctx.Decode(ctx.RequiredString(root, "", "payload"), "payload");
        var signaturesElement = Member(root, "signatures");
        if (signaturesElement is null || signaturesElement.Value.ValueKind == JsonValueKind.Null)
        {
            throw new CilockException(CryptoDiagnostics.EnvelopeNoSignatures, $"{line}DSSE envelope has no signatures");
        }

        var signatures = new List<DsseSignature>();
        foreach (var (s, i) in ctx.Array(root, "", "signatures"))
        {
            signatures.Add(ctx.Signature(s, $"signatures[{i}]"));
        }

        if (signatures.Count == 0)
        {
            throw new CilockException(CryptoDiagnostics.EnvelopeNoSignatures, $"{line}DSSE envelope has no signatures");
        }

        return new DsseEnvelope(payloadType, payload, signatures);
    }

    // Hardening (issue #12): a duplicated member would be read differently by first-wins and last-wins parsers.
    private static void RejectDuplicateMembers(JsonElement obj, string line, string where)
    {
        if (GoJson.FindDuplicateMember(obj) is { } name)
        {
            throw Malformed(line, $"{where} has a duplicate member '{name}' (member names are case-insensitive)");
        }
    }

    // Go's encoding/json binds member names case-insensitively, the last duplicate wins and null means absent.
    private static JsonElement? Member(JsonElement obj, string name) => GoJson.TryGet(obj, name, out var value) ? value : null;

    /// <summary>Parsing state: the line prefix for errors and the base64 mode.</summary>
    private readonly record struct Context(string Line, bool Lenient)
    {
        public DsseSignature Signature(JsonElement s, string path)
        {
            if (s.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(Line, $"{path} is not a JSON object");
            }

            RejectDuplicateMembers(s, Line, path);

            var keyId = OptionalString(s, path, "keyid") ?? "";
            var sig = Decode(RequiredString(s, path, "sig"), $"{path}.sig");
            string? certificate = null;
            if (OptionalString(s, path, "certificate") is { Length: > 0 } certText)
            {
                certificate = Encoding.UTF8.GetString(Decode(certText, $"{path}.certificate"));
            }

            var intermediates = new List<string>();
            foreach (var (item, i) in Array(s, path, "intermediates"))
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw Malformed(Line, $"{path}.intermediates[{i}] is not a string");
                }

                intermediates.Add(Encoding.UTF8.GetString(Decode(item.GetString()!, $"{path}.intermediates[{i}]")));
            }

            var timestamps = new List<byte[]>();
            foreach (var (item, i) in Array(s, path, "timestamps"))
            {
                var where = $"{path}.timestamps[{i}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Malformed(Line, $"{where} is not a JSON object");
                }

                var type = OptionalString(item, where, "type");
                var data = OptionalString(item, where, "data");

                // "tsp" is the only type either Go product writes; other entries cannot be verified, so they are dropped.
                if (string.Equals(type, "tsp", StringComparison.Ordinal) && data is not null)
                {
                    timestamps.Add(Decode(data, $"{where}.data"));
                }
            }

            return new DsseSignature
            {
                KeyId = keyId,
                Signature = sig,
                CertificatePem = certificate,
                IntermediatePems = intermediates,
                Timestamps = timestamps,
            };
        }

        public string RequiredString(JsonElement obj, string path, string name) =>
            OptionalString(obj, path, name) ?? throw Malformed(Line, $"{Join(path, name)} is missing");

        public string? OptionalString(JsonElement obj, string path, string name)
        {
            var value = Member(obj, name);
            if (value is null)
            {
                return null;
            }

            return value.Value.ValueKind == JsonValueKind.String
                ? value.Value.GetString()
                : throw Malformed(Line, $"{Join(path, name)} is not a string");
        }

        public List<(JsonElement Item, int Index)> Array(JsonElement obj, string path, string name)
        {
            var value = Member(obj, name);
            if (value is null)
            {
                return [];
            }

            return value.Value.ValueKind == JsonValueKind.Array
                ? value.Value.EnumerateArray().Select((e, i) => (e, i)).ToList()
                : throw Malformed(Line, $"{Join(path, name)} is not an array");
        }

        public byte[] Decode(string text, string what) =>
            DsseBase64.TryDecode(text, Lenient, out var bytes)
                ? bytes
                : throw new CilockException(
                    CryptoDiagnostics.EnvelopeBase64Invalid,
                    $"{Line}DSSE envelope member {what} is not standard padded base64"
                        + (Lenient ? "" : " (URL-safe or unpadded base64 is refused, as Go does)"));

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }

    private static CilockException Malformed(string where, string what) =>
        new(CryptoDiagnostics.EnvelopeMalformed, $"{where}malformed DSSE envelope: {what}");
}

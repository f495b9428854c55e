using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Bundles;

/// <summary>The <c>bundle.json</c> manifest of an evidence bundle (spec archivista-and-bundles.md §6).</summary>
public sealed record BundleManifest
{
    /// <summary>The only schema version written and read.</summary>
    public const string SchemaVersionV01 = "https://aflock.ai/bundle/v0.1";

    /// <summary>The schema version.</summary>
    public string SchemaVersion { get; init; } = SchemaVersionV01;

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>archivista</c>, <c>file</c> or <c>verify-export</c>; empty = omitted.</summary>
    public string Source { get; init; } = "";

    /// <summary>Where the envelopes came from (e.g. the Archivista base); empty = omitted.</summary>
    public string SourceUrl { get; init; } = "";

    /// <summary>Sorted, de-duplicated subject digest values the bundle was built for.</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    /// <summary>Number of envelope lines.</summary>
    public int Count { get; init; }

    /// <summary>One entry per line, same order.</summary>
    public IReadOnlyList<BundleEnvelopeEntry> Envelopes { get; init; } = [];

    /// <summary>The manifest as JSON indented with two spaces, members in spec order, empty optional members omitted.</summary>
    public string ToJson()
    {
        var o = new JsonObject { ["schemaVersion"] = SchemaVersion, ["createdAt"] = FormatTime(CreatedAt) };
        if (Source.Length > 0)
        {
            o["source"] = Source;
        }

        if (SourceUrl.Length > 0)
        {
            o["sourceURL"] = SourceUrl;
        }

        if (Subjects.Count > 0)
        {
            o["subjects"] = new JsonArray([.. Subjects.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        o["count"] = Count;
        if (Envelopes.Count > 0)
        {
            var list = new JsonArray();
            foreach (var e in Envelopes)
            {
                var entry = new JsonObject { ["sha256"] = e.Sha256 };
                if (e.PayloadType.Length > 0)
                {
                    entry["payloadType"] = e.PayloadType;
                }

                if (e.SignerKeyIds.Count > 0)
                {
                    entry["signerKeyIDs"] = new JsonArray([.. e.SignerKeyIds.Select(k => (JsonNode)JsonValue.Create(k))]);
                }

                list.Add(entry);
            }

            o["envelopes"] = list;
        }

        // Go's MarshalIndent: raw '+' and non-ASCII, but <, >, & and U+2028/2029 escaped (they only occur in strings).
        var json = o.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return json.Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal)
            .Replace("\u2028", "\\u2028", StringComparison.Ordinal).Replace("\u2029", "\\u2029", StringComparison.Ordinal);
    }

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="CilockException">CIL1730 when it is not valid JSON, has the wrong schema or malformed members.</exception>
    public static BundleManifest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var o = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not an object");
            var schema = Text(o, "schemaVersion");
            if (schema != SchemaVersionV01)
            {
                throw new CilockException(CiDiagnostics.BundleInvalid, $"bundle.json has schemaVersion '{schema}'; expected {SchemaVersionV01}");
            }

            return new BundleManifest
            {
                CreatedAt = DateTimeOffset.Parse(Text(o, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Source = Text(o, "source"),
                SourceUrl = Text(o, "sourceURL"),
                Subjects = [.. (o["subjects"] as JsonArray ?? []).Select(s => s!.GetValue<string>())],
                Count = o["count"]?.GetValue<int>() ?? 0,
                Envelopes = [.. (o["envelopes"] as JsonArray ?? []).Select(e => new BundleEnvelopeEntry(
                    Text((JsonObject)e!, "sha256"),
                    Text((JsonObject)e!, "payloadType"),
                    [.. (e!["signerKeyIDs"] as JsonArray ?? []).Select(k => k!.GetValue<string>())]))],
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or InvalidCastException or NullReferenceException)
        {
            throw new CilockException(CiDiagnostics.BundleInvalid, $"bundle.json is malformed: {e.Message}");
        }
    }

    // Go's RFC 3339 with nanoseconds, trailing zeros of the fraction trimmed.
    private static string FormatTime(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var fraction = utc.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + "Z";
    }

    private static string Text(JsonObject o, string name) => o[name] is JsonValue v ? v.GetValue<string>() : "";
}

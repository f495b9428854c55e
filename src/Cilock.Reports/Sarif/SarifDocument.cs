using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Attestors;

namespace Cilock.Reports.Sarif;

/// <summary>
/// Reading, detecting, merging and writing SARIF 2.1.0 logs as JSON trees: every member a tool wrote (rules,
/// properties, invocations…) is kept, because the log is evidence, and SARIF producers add members freely.
/// </summary>
public static class SarifDocument
{
    /// <summary>The SARIF version this reader accepts.</summary>
    public const string Version = "2.1.0";

    /// <summary>The OASIS schema URI written as <c>$schema</c>.</summary>
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>The largest log read (64 MiB): bigger files are refused rather than embedded in evidence.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Messages quote code ('x' < y); keeping them readable is safe because the output is a file, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads and checks the SARIF 2.1.0 log at <paramref name="path"/> (a SARIF 1.0.0 log is converted to 2.1.0).</summary>
    /// <exception cref="CilockException">
    /// CIL2130 missing/unreadable/not SARIF, CIL2131 a SARIF 1.0 log that cannot be converted, CIL2134 larger than <see cref="MaxBytes"/>.
    /// </exception>
    public static JsonObject Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CilockException(ReportReaderDiagnostics.SarifUnusable, $"SARIF log '{path}' does not exist");
            }

            if (info.Length > MaxBytes)
            {
                throw new CilockException(ReportReaderDiagnostics.ReportTooLarge, $"SARIF log '{path}' is {info.Length} bytes; the limit is {MaxBytes}");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(ReportReaderDiagnostics.SarifUnusable, $"cannot read SARIF log '{path}': {e.Message}", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>
    /// Parses and checks a SARIF 2.1.0 log, converting a SARIF 1.0.0 log to 2.1.0 first; <paramref name="name"/> is
    /// used in messages only.
    /// </summary>
    /// <exception cref="CilockException">CIL2130 not SARIF, CIL2131 a SARIF 1.0 log that cannot be converted.</exception>
    public static JsonObject Parse(ReadOnlySpan<byte> json, string name)
    {
        // Strings are decoded lazily, so invalid UTF-8 would only throw later, far from here: check it first.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw new CilockException(ReportReaderDiagnostics.SarifUnusable, $"'{name}' is not valid UTF-8");
        }

        JsonNode? node;
        try
        {
            // Duplicate members are refused while parsing (JsonObject would otherwise throw on first access).
            node = JsonNode.Parse(SkipBom(json), documentOptions: new JsonDocumentOptions { MaxDepth = 256, AllowDuplicateProperties = false });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the duplicate-member check unescapes member names and throws on an unpaired
            // surrogate escape ("\ud800"), found by AFL.
            throw new CilockException(ReportReaderDiagnostics.SarifUnusable, $"'{name}' is not valid JSON: {e.Message}", e);
        }

        if (node is not JsonObject log)
        {
            throw new CilockException(ReportReaderDiagnostics.SarifUnusable, $"'{name}' is not a SARIF log: the top level is not a JSON object");
        }

        var version = log["version"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (version is "1.0.0" or "1.0")
        {
            // The compiler writes SARIF 1.0.0 for an ErrorLog without ",version=2.1": converted, then checked like any log.
            log = SarifV1Converter.Convert(log, name);
            version = Version;
        }

        if (version != Version)
        {
            throw new CilockException(ReportReaderDiagnostics.SarifUnusable, $"'{name}' is not a SARIF {Version} log (version: {version ?? "missing"})");
        }

        if (log["runs"] is not JsonArray runs || runs.Any(r => r is not JsonObject))
        {
            throw new CilockException(ReportReaderDiagnostics.SarifUnusable, $"'{name}' is not a SARIF log: 'runs' must be an array of objects");
        }

        return log;
    }

    /// <summary>
    /// True when <paramref name="head"/> (the first bytes of a file) looks like a SARIF log: a JSON object that names
    /// the SARIF schema or has a <c>"version"</c> member with a SARIF version next to <c>"runs"</c>. Cheap; a match
    /// is then confirmed by <see cref="Parse"/>.
    /// </summary>
    public static bool LooksLikeSarif(ReadOnlySpan<byte> head)
    {
        head = SkipBom(head);
        var start = 0;
        while (start < head.Length && head[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start >= head.Length || head[start] != (byte)'{')
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(head[start..]);
        return text.Contains("sarif", StringComparison.OrdinalIgnoreCase)
            || (text.Contains("\"runs\"", StringComparison.Ordinal) && text.Contains("\"version\"", StringComparison.Ordinal));
    }

    /// <summary>One log holding every run of <paramref name="logs"/>, in order (multi-target builds: one run per TFM).</summary>
    public static JsonObject Merge(IEnumerable<JsonObject> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var runs = new JsonArray();
        foreach (var log in logs)
        {
            foreach (var run in log["runs"]?.AsArray() ?? [])
            {
                runs.Add(run?.DeepClone());
            }
        }

        return new JsonObject { ["$schema"] = SchemaUri, ["version"] = Version, ["runs"] = runs };
    }

    /// <summary>The log as indented UTF-8 JSON with <c>$schema</c> and <c>version</c> first.</summary>
    public static byte[] Serialize(JsonObject log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var ordered = new JsonObject { ["$schema"] = SchemaUri, ["version"] = Version };
        foreach (var (key, value) in log)
        {
            if (key is not "$schema" and not "version")
            {
                ordered[key] = value?.DeepClone();
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(ordered, Indented);
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
}

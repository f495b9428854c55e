using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Reports.Sbom;

/// <summary>
/// A CycloneDX or SPDX JSON document read from a file, detected by content exactly like the product attestor's
/// mime sniffing (spec attestors.md §3.1: the format marker within the first 500 bytes). Used by the sbom attestor
/// and by readers that map a step's product files to attestors.
/// </summary>
public sealed class SbomDocument
{
    /// <summary>Collection entry type of a CycloneDX document.</summary>
    public const string CycloneDxType = "https://cyclonedx.org/bom";

    /// <summary>Collection entry type of an SPDX document.</summary>
    public const string SpdxType = "https://spdx.dev/Document";

    /// <summary>Mime type the product attestor gives CycloneDX JSON.</summary>
    public const string CycloneDxMimeType = "application/vnd.cyclonedx+json";

    /// <summary>Mime type the product attestor gives SPDX JSON.</summary>
    public const string SpdxMimeType = "application/spdx+json";

    // SBOMs of large applications reach tens of MB; anything far beyond is not worth loading into evidence.
    private const long MaxBytes = 128L * 1024 * 1024;

    private SbomDocument(SbomFormats format, byte[] content, JsonObject json, string? name, string? version)
    {
        Format = format;
        Content = content;
        Json = json;
        Name = name;
        Version = version;
    }

    /// <summary>CycloneDX or SPDX.</summary>
    public SbomFormats Format { get; }

    /// <summary>The file bytes.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The parsed document (member order as in the file).</summary>
    public JsonObject Json { get; }

    /// <summary>The described component's name (CycloneDX <c>metadata.component.name</c>; SPDX described package, else document name).</summary>
    public string? Name { get; }

    /// <summary>The described component's version, when known.</summary>
    public string? Version { get; }

    /// <summary><see cref="CycloneDxType"/> or <see cref="SpdxType"/>.</summary>
    public string PredicateType => Format == SbomFormats.Spdx ? SpdxType : CycloneDxType;

    /// <summary>Reads <paramref name="path"/>; <c>false</c> (and a reason) when it is unreadable or not an SBOM.</summary>
    public static bool TryRead(string path, out SbomDocument? document, out string? reason)
    {
        document = null;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                reason = "the file does not exist";
                return false;
            }

            if (info.Length > MaxBytes)
            {
                reason = $"the file is larger than {MaxBytes} bytes";
                return false;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = e.Message;
            return false;
        }

        return TryParse(bytes, out document, out reason);
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="CilockException">CIL2104 when it is unreadable or not a CycloneDX/SPDX JSON document.</exception>
    public static SbomDocument Read(string path) =>
        TryRead(path, out var document, out var reason)
            ? document!
            : throw new CilockException(SbomDiagnostics.NotAnSbom, $"'{path}' is not a usable SBOM: {reason}");

    /// <summary>Parses document bytes; <c>false</c> (and a reason) when they are not a CycloneDX/SPDX JSON document.</summary>
    public static bool TryParse(byte[] bytes, out SbomDocument? document, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        document = null;
        var format = Detect(bytes);
        if (format == SbomFormats.None)
        {
            reason = "no CycloneDX 'bomFormat' or SPDX 'spdxVersion' marker in the first 500 bytes";
            return false;
        }

        // Strings are decoded lazily, so invalid UTF-8 would only throw later, outside this method: check it first.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            reason = "it is not valid UTF-8";
            return false;
        }

        JsonObject json;
        try
        {
            // Duplicate members are refused while parsing (JsonObject would otherwise throw on first access).
            json = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 256, AllowDuplicateProperties = false }) as JsonObject
                ?? throw new JsonException("the top level is not an object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            reason = $"it is not valid JSON ({e.Message})";
            return false;
        }

        string? name, version;
        try
        {
            (name, version) = format == SbomFormats.CycloneDx ? CycloneDxIdentity(json) : SpdxIdentity(json);
        }
        catch (InvalidOperationException e)
        {
            // A string with a lone surrogate escape (\ud800) only fails when it is read.
            reason = $"it holds an unreadable string ({e.Message})";
            return false;
        }

        document = new SbomDocument(format, bytes, json, name, version);
        reason = null;
        return true;
    }

    /// <summary>
    /// The format from the first 500 bytes, with the product attestor's markers (spec attestors.md §3.1); SPDX is
    /// checked first, as there.
    /// </summary>
    public static SbomFormats Detect(ReadOnlySpan<byte> content)
    {
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 500)]);
        if (head.Contains("\"spdxVersion\":\"SPDX-", StringComparison.Ordinal) || head.Contains("\"spdxVersion\": \"SPDX-", StringComparison.Ordinal))
        {
            return SbomFormats.Spdx;
        }

        return head.Contains("\"bomFormat\":\"CycloneDX\"", StringComparison.Ordinal) || head.Contains("\"bomFormat\": \"CycloneDX\"", StringComparison.Ordinal)
            ? SbomFormats.CycloneDx
            : SbomFormats.None;
    }

    private static (string? Name, string? Version) CycloneDxIdentity(JsonObject json) =>
        json["metadata"] is JsonObject metadata && metadata["component"] is JsonObject component
            ? (Text(component["name"]), Text(component["version"]))
            : (null, null);

    private static (string? Name, string? Version) SpdxIdentity(JsonObject json)
    {
        var described = (json["relationships"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => Text(r["spdxElementId"]) == "SPDXRef-DOCUMENT" && Text(r["relationshipType"]) == "DESCRIBES")
            ?["relatedSpdxElement"];
        var package = (json["packages"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(p => Text(p["SPDXID"]) == Text(described));
        return package is not null ? (Text(package["name"]), Text(package["versionInfo"])) : (Text(json["name"]), null);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <inheritdoc />
    public override string ToString() => $"{Format} {Name} {Version}";

}

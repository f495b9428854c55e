using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Signing;

/// <summary>
/// Reads a Sigstore signing config (<c>application/vnd.dev.sigstore.signingconfig.v0.2+json</c> or v0.1) into
/// <see cref="KeylessSigningOptions"/>: the Fulcio CA, one Rekor v1 log and the TSAs valid now. What we cannot honour
/// (only Rekor v2 logs, a selector asking for several logs, an unknown selector) is refused with CIL6121 rather than
/// signed differently than the config asks.
/// </summary>
internal static class SigningConfigReader
{
    private const string V01 = "application/vnd.dev.sigstore.signingconfig.v0.1+json";
    private const string V02 = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

    /// <summary>Reads the config at <paramref name="path"/>.</summary>
    /// <exception cref="CilockException">CIL6120 unreadable or malformed, CIL6121 not honourable.</exception>
    public static KeylessSigningOptions Read(string path, DateTimeOffset now)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(SigningDiagnostics.SigningConfigInvalid, $"cannot read signing config '{path}': {e.Message}", e);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return Parse(document.RootElement, now, path);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"not JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            // A member of the wrong JSON kind (GetString on a number, EnumerateArray on an object).
            throw Invalid(path, $"a member has the wrong type ({e.Message})");
        }
    }

    /// <summary>Parses an already loaded config.</summary>
    internal static KeylessSigningOptions Parse(JsonElement root, DateTimeOffset now, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, "not a JSON object");
        }

        var mediaType = root.TryGetProperty("mediaType", out var m) ? m.GetString() : null;
        return mediaType switch
        {
            V02 => ParseV02(root, now, path),
            V01 => ParseV01(root, path),
            _ => throw Invalid(path, $"media type '{mediaType}' is not a Sigstore signing config v0.1 or v0.2"),
        };
    }

    private static KeylessSigningOptions ParseV02(JsonElement root, DateTimeOffset now, string path)
    {
        var fulcio = Services(root, "caUrls", now, path).FirstOrDefault(s => s.Major == 1)
            ?? throw Unsupported(path, "no Fulcio CA (caUrls, majorApiVersion 1) is valid now");

        var logs = Services(root, "rekorTlogUrls", now, path);
        var v1Logs = logs.Where(s => s.Major == 1).ToList();
        Uri? rekor = null;
        if (logs.Count > 0)
        {
            var wanted = Count(root, "rekorTlogConfig", v1Logs.Count, path);
            if (v1Logs.Count == 0)
            {
                throw Unsupported(path, "only Rekor v2 transparency logs are listed; this client uploads to Rekor v1 (majorApiVersion 1)");
            }

            if (wanted > 1)
            {
                throw Unsupported(path, $"rekorTlogConfig asks for {wanted} transparency log entries; this client writes one");
            }

            rekor = v1Logs[0].Url;
        }

        var tsas = Services(root, "tsaUrls", now, path).Where(s => s.Major == 1).ToList();
        var tsaCount = tsas.Count == 0 ? 0 : Count(root, "tsaConfig", tsas.Count, path);
        if (tsaCount > tsas.Count)
        {
            throw Unsupported(path, $"tsaConfig asks for {tsaCount} timestamps but only {tsas.Count} TSAs are valid now");
        }

        return Options(fulcio.Url, rekor, [.. tsas.Take(tsaCount).Select(t => t.Url)], path);
    }

    private static KeylessSigningOptions ParseV01(JsonElement root, string path)
    {
        var ca = Url(root.TryGetProperty("caUrl", out var c) ? c.GetString() : null, path, "caUrl")
            ?? throw Unsupported(path, "caUrl is missing");
        var tlogs = root.TryGetProperty("tlogUrls", out var t) ? t.EnumerateArray().Select(u => Url(u.GetString(), path, "tlogUrls")!).ToList() : [];
        var tsas = root.TryGetProperty("tsaUrls", out var s) ? s.EnumerateArray().Select(u => Url(u.GetString(), path, "tsaUrls")!).ToList() : [];
        return Options(ca, tlogs.FirstOrDefault(), tsas, path);
    }

    private static KeylessSigningOptions Options(Uri fulcio, Uri? rekor, List<Uri> tsas, string path) =>
        rekor is null && tsas.Count == 0
            ? throw Unsupported(path, "neither a transparency log nor a TSA is configured: a Fulcio certificate expires after minutes and the signature could not be verified later")
            : new KeylessSigningOptions { FulcioUrl = fulcio, RekorUrl = rekor, TimestampAuthorityUrls = tsas };

    /// <summary>How many services a <c>ServiceConfiguration</c> selector asks for (ALL = all, ANY = 1, EXACT = count).</summary>
    private static int Count(JsonElement root, string member, int available, string path)
    {
        if (!root.TryGetProperty(member, out var config) || config.ValueKind == JsonValueKind.Null)
        {
            return 1;
        }

        var selector = config.TryGetProperty("selector", out var s) ? s.GetString() : null;
        return selector switch
        {
            "ALL" => available,
            "ANY" => 1,
            "EXACT" when config.TryGetProperty("count", out var n) && n.TryGetInt32(out var count) && count > 0 => count,
            _ => throw Unsupported(path, $"{member} selector '{selector}' is not ALL, ANY or EXACT with a positive count"),
        };
    }

    private static List<Service> Services(JsonElement root, string member, DateTimeOffset now, string path)
    {
        if (!root.TryGetProperty(member, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var services = new List<Service>();
        foreach (var item in array.EnumerateArray())
        {
            var url = Url(item.TryGetProperty("url", out var u) ? u.GetString() : null, path, member) ?? throw Invalid(path, $"an entry of {member} has no url");
            var major = item.TryGetProperty("majorApiVersion", out var v) && v.TryGetInt32(out var version) ? version : throw Invalid(path, $"an entry of {member} has no majorApiVersion");
            if (Valid(item, now, path, member))
            {
                services.Add(new Service(url, major));
            }
        }

        return services;
    }

    private static bool Valid(JsonElement item, DateTimeOffset now, string path, string member)
    {
        if (!item.TryGetProperty("validFor", out var range))
        {
            throw Invalid(path, $"an entry of {member} has no validFor");
        }

        var start = Time(range, "start", path) ?? throw Invalid(path, $"an entry of {member} has no validFor.start");
        var end = Time(range, "end", path);
        return start <= now && (end is null || now < end);
    }

    private static DateTimeOffset? Time(JsonElement range, string member, string path) =>
        !range.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw Invalid(path, $"validFor.{member} '{value}' is not an RFC 3339 time");

    private static Uri? Url(string? text, string path, string member) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
        : throw Invalid(path, $"{member} URL '{text}' is not an absolute http(s) URL");

    private static CilockException Invalid(string path, string why) => new(SigningDiagnostics.SigningConfigInvalid, $"signing config '{path}': {why}");

    private static CilockException Unsupported(string path, string why) => new(SigningDiagnostics.SigningConfigUnsupported, $"signing config '{path}': {why}");

    private sealed record Service(Uri Url, int Major);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tuf;

/// <summary>
/// One TUF metadata document (<c>{"signed": …, "signatures": [{keyid, sig}]}</c>), parsed and checked for type,
/// spec version and shape; signature checks are against a root's role (<see cref="VerifyRole"/>).
/// </summary>
internal sealed class TufMetadata
{
    private TufMetadata(byte[] raw, JsonDocument document, string type, long version, DateTimeOffset expires)
    {
        Raw = raw;
        Document = document;
        Type = type;
        Version = version;
        Expires = expires;
    }

    /// <summary>The exact bytes as fetched (persisted unchanged in the cache).</summary>
    public byte[] Raw { get; }

    public JsonDocument Document { get; }

    public JsonElement Signed => Document.RootElement.GetProperty("signed");

    public string Type { get; }

    public long Version { get; }

    public DateTimeOffset Expires { get; }

    /// <summary>Parses <paramref name="raw"/> as metadata of <paramref name="expectedType"/>.</summary>
    /// <exception cref="CilockException">CIL6050 when malformed, of another type, or of an unsupported spec version.</exception>
    public static TufMetadata Parse(byte[] raw, string expectedType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Invalid($"{expectedType} metadata is not valid JSON: {e.Message}");
        }

        try
        {
            var signed = document.RootElement.GetProperty("signed");
            var type = signed.GetProperty("_type").GetString();
            if (type != expectedType)
            {
                throw Invalid($"expected {expectedType} metadata but got '{type}'");
            }

            var spec = signed.GetProperty("spec_version").GetString() ?? "";
            if (!spec.StartsWith("1.", StringComparison.Ordinal))
            {
                throw Invalid($"{expectedType} metadata has unsupported spec_version '{spec}'");
            }

            var version = signed.GetProperty("version").GetInt64();
            var expires = DateTimeOffset.Parse(signed.GetProperty("expires").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (version < 1 || document.RootElement.GetProperty("signatures").ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"{expectedType} metadata has an invalid version or signature list");
            }

            return new TufMetadata(raw, document, type, version, expires);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentNullException)
        {
            document.Dispose();
            throw Invalid($"{expectedType} metadata is malformed: {e.Message}");
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>Checks that at least the role's threshold of distinct keys of <paramref name="root"/> signed this document.</summary>
    /// <exception cref="CilockException">CIL6051 when the threshold is not met, CIL6050 when the root's role is malformed.</exception>
    public void VerifyRole(TufMetadata root, string role)
    {
        int threshold;
        HashSet<string> keyIds;
        JsonElement keys;
        try
        {
            var definition = root.Signed.GetProperty("roles").GetProperty(role);
            threshold = definition.GetProperty("threshold").GetInt32();
            keyIds = [.. definition.GetProperty("keyids").EnumerateArray().Select(k => k.GetString()!)];
            keys = root.Signed.GetProperty("keys");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Invalid($"root v{root.Version} does not define role '{role}' properly: {e.Message}");
        }

        if (threshold < 1)
        {
            throw Invalid($"root v{root.Version} gives role '{role}' a threshold below 1");
        }

        var payload = CanonicalJson.Encode(Signed);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signature in Document.RootElement.GetProperty("signatures").EnumerateArray())
        {
            if (!signature.TryGetProperty("keyid", out var idElement) || idElement.GetString() is not { } keyId
                || !keyIds.Contains(keyId) || !keys.TryGetProperty(keyId, out var key) || !signature.TryGetProperty("sig", out var sigElement))
            {
                continue;
            }

            // The same key material listed under two key ids must not count twice.
            var material = key.TryGetProperty("keyval", out var keyval) && keyval.TryGetProperty("public", out var pub) ? pub.GetString() ?? keyId : keyId;
            if (!counted.Contains(material) && TufKeys.Verify(key, payload, sigElement.GetString() ?? ""))
            {
                counted.Add(material);
            }
        }

        if (counted.Count < threshold)
        {
            throw new CilockException(SigstoreDiagnostics.TufThresholdNotMet, $"{Type} v{Version} has {counted.Count} valid signature(s) from role '{role}'; {threshold} required");
        }
    }

    /// <summary>Refuses expired metadata.</summary>
    public void CheckNotExpired(DateTimeOffset now)
    {
        if (Expires <= now)
        {
            throw new CilockException(SigstoreDiagnostics.TufExpired, $"{Type} metadata v{Version} expired at {Expires:O}");
        }
    }

    /// <summary>The <c>meta</c> entry of another metadata file (in timestamp or snapshot), or <c>null</c>.</summary>
    public JsonElement? Meta(string file) =>
        Signed.TryGetProperty("meta", out var meta) && meta.TryGetProperty(file, out var entry) ? entry : null;

    /// <summary>Checks optional <c>length</c>/<c>hashes</c> of a meta or target entry against <paramref name="bytes"/>.</summary>
    public static void CheckLengthAndHashes(JsonElement entry, byte[] bytes, string what, bool hashesRequired)
    {
        if (entry.TryGetProperty("length", out var length) && length.GetInt64() != bytes.LongLength)
        {
            throw new CilockException(SigstoreDiagnostics.TufHashMismatch, $"{what} has {bytes.LongLength} bytes; {length.GetInt64()} expected");
        }

        var found = false;
        if (entry.TryGetProperty("hashes", out var hashes))
        {
            foreach (var hash in hashes.EnumerateObject())
            {
                byte[]? actual = hash.Name switch
                {
                    "sha256" => SHA256.HashData(bytes),
                    "sha512" => SHA512.HashData(bytes),
                    _ => null,
                };
                if (actual is null)
                {
                    continue;
                }

                found = true;
                if (!string.Equals(Convert.ToHexStringLower(actual), hash.Value.GetString(), StringComparison.OrdinalIgnoreCase))
                {
                    throw new CilockException(SigstoreDiagnostics.TufHashMismatch, $"{what} does not match its {hash.Name} hash");
                }
            }
        }

        if (hashesRequired && !found)
        {
            throw new CilockException(SigstoreDiagnostics.TufHashMismatch, $"{what} has no sha256 or sha512 hash to check");
        }
    }

    private static CilockException Invalid(string message) => new(SigstoreDiagnostics.TufMetadataInvalid, message);
}

using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Bundles;

/// <summary>
/// A Sigstore bundle (protobuf-specs <c>dev.sigstore.bundle.v1.Bundle</c>, media types v0.1–v0.3) in its protobuf JSON
/// form: verification material plus exactly one of a message signature or a DSSE envelope.
/// </summary>
public sealed class SigstoreBundle
{
    /// <summary>The bundle media type, one of <see cref="BundleMediaTypes"/>.</summary>
    public string MediaType { get; init; } = "";

    /// <summary>Key material, transparency log entries and timestamps.</summary>
    public BundleVerificationMaterial VerificationMaterial { get; init; } = new();

    /// <summary>The signature over a blob, when this bundle signs a blob.</summary>
    public BundleMessageSignature? MessageSignature { get; init; }

    /// <summary>The DSSE envelope, when this bundle signs an envelope.</summary>
    public BundleDsseEnvelope? DsseEnvelope { get; init; }

    /// <summary>Parses and structurally validates a bundle (unknown members are ignored, duplicate members refused).</summary>
    /// <exception cref="CilockException">CIL6001 malformed JSON or base64, CIL6002 unknown media type, CIL6003 missing or conflicting members.</exception>
    public static SigstoreBundle Parse(ReadOnlySpan<byte> utf8Json)
    {
        SigstoreBundle? bundle;
        try
        {
            bundle = JsonSerializer.Deserialize<SigstoreBundle>(utf8Json, BundleJson.Options);
        }
        catch (JsonException e)
        {
            throw new CilockException(SigstoreDiagnostics.BundleMalformed, $"the Sigstore bundle is not valid JSON of the expected shape: {FirstLine(e.Message)}");
        }
        catch (FormatException e)
        {
            throw new CilockException(SigstoreDiagnostics.BundleMalformed, $"the Sigstore bundle holds invalid base64: {FirstLine(e.Message)}");
        }

        if (bundle is null)
        {
            throw new CilockException(SigstoreDiagnostics.BundleMalformed, "the Sigstore bundle is JSON null");
        }

        BundleValidator.Validate(bundle);
        return bundle;
    }

    /// <summary>
    /// Whether <paramref name="utf8Json"/> looks like a Sigstore bundle (a JSON object whose <c>mediaType</c> names a
    /// Sigstore bundle), so evidence readers can tell bundles from DSSE envelopes before parsing either.
    /// </summary>
    public static bool IsBundle(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMediaType = reader.ValueTextEquals("mediaType");
                reader.Read();
                if (isMediaType)
                {
                    return reader.TokenType == JsonTokenType.String
                        && reader.GetString()!.StartsWith("application/vnd.dev.sigstore.bundle", StringComparison.Ordinal);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    /// <summary>Reads and parses a bundle file.</summary>
    /// <exception cref="CilockException">CIL6000 unreadable file, or the codes of <see cref="Parse"/>.</exception>
    public static SigstoreBundle Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CilockException(SigstoreDiagnostics.FileUnreadable, $"cannot read '{path}': {e.Message}");
        }

        return Parse(bytes);
    }

    /// <summary>Compact protobuf JSON (camelCase members, int64 as strings, bytes as base64, empty members omitted).</summary>
    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, BundleJson.Options);

    private static string FirstLine(string message)
    {
        var index = message.IndexOf('\n', StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}

using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.TrustedRoots;

/// <summary>
/// A Sigstore trusted root (<c>trusted_root.json</c>, protobuf-specs <c>TrustedRoot</c>): the transparency logs,
/// Fulcio certificate authorities, CT logs and timestamp authorities a verifier trusts, each with a validity window.
/// </summary>
public sealed class TrustedRoot
{
    /// <summary>The media type of trusted root v0.1 documents.</summary>
    public const string MediaTypeV01 = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";

    private const string PublicGoodResource = "Cilock.Sigstore.trusted_root.public-good.json";

    /// <summary>The document media type.</summary>
    public string MediaType { get; init; } = "";

    /// <summary>Rekor transparency logs.</summary>
    public IReadOnlyList<TransparencyLogInstance> Tlogs { get; init; } = [];

    /// <summary>Fulcio certificate authorities.</summary>
    public IReadOnlyList<CertificateAuthority> CertificateAuthorities { get; init; } = [];

    /// <summary>Certificate transparency logs (for SCTs).</summary>
    public IReadOnlyList<TransparencyLogInstance> Ctlogs { get; init; } = [];

    /// <summary>RFC 3161 timestamp authorities.</summary>
    public IReadOnlyList<CertificateAuthority> TimestampAuthorities { get; init; } = [];

    /// <summary>The Sigstore public-good production root embedded in this assembly (refreshed at release time; use TUF for the live one).</summary>
    public static TrustedRoot PublicGood()
    {
        using var stream = typeof(TrustedRoot).Assembly.GetManifestResourceStream(PublicGoodResource)
            ?? throw new InvalidOperationException($"embedded resource {PublicGoodResource} is missing");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray());
    }

    /// <summary>Parses a trusted root document.</summary>
    /// <exception cref="CilockException">CIL6004 when the document is malformed.</exception>
    public static TrustedRoot Parse(ReadOnlySpan<byte> utf8Json)
    {
        TrustedRoot? root;
        try
        {
            root = JsonSerializer.Deserialize<TrustedRoot>(utf8Json, BundleJson.Options);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw Malformed($"the trusted root is not valid JSON of the expected shape: {e.Message.Split('\n')[0]}");
        }

        if (root is null)
        {
            throw Malformed("the trusted root is JSON null");
        }

        if (!root.MediaType.StartsWith("application/vnd.dev.sigstore.trustedroot", StringComparison.Ordinal))
        {
            throw Malformed($"unsupported trusted root media type '{root.MediaType}'");
        }

        foreach (var log in root.Tlogs.Concat(root.Ctlogs))
        {
            if (log?.PublicKey is null || log.PublicKey.RawBytes.Length == 0 || log.LogId is null || log.LogId.KeyId.Length == 0)
            {
                throw Malformed("a transparency log of the trusted root lacks its public key or log id");
            }
        }

        foreach (var authority in root.CertificateAuthorities.Concat(root.TimestampAuthorities))
        {
            if (authority?.CertChain is null || authority.CertChain.Certificates.Count == 0 || authority.CertChain.Certificates.Any(c => c is null || c.RawBytes.Length == 0))
            {
                throw Malformed("a certificate authority of the trusted root has an empty certificate chain");
            }
        }

        return root;
    }

    /// <summary>Reads and parses a trusted root file.</summary>
    /// <exception cref="CilockException">CIL6000 unreadable file, CIL6004 malformed document.</exception>
    public static TrustedRoot Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CilockException(SigstoreDiagnostics.FileUnreadable, $"cannot read trusted root '{path}': {e.Message}");
        }
    }

    /// <summary>The transparency log whose id equals <paramref name="keyId"/>, or <c>null</c>.</summary>
    public TransparencyLogInstance? FindTlog(ReadOnlySpan<byte> keyId) => Find(Tlogs, keyId);

    /// <summary>The CT log whose id equals <paramref name="keyId"/>, or <c>null</c>.</summary>
    public TransparencyLogInstance? FindCtlog(ReadOnlySpan<byte> keyId) => Find(Ctlogs, keyId);

    /// <summary>Compact protobuf JSON of this root.</summary>
    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, BundleJson.Options);

    private static TransparencyLogInstance? Find(IReadOnlyList<TransparencyLogInstance> logs, ReadOnlySpan<byte> keyId)
    {
        foreach (var log in logs)
        {
            if (log.LogId.KeyId.AsSpan().SequenceEqual(keyId))
            {
                return log;
            }
        }

        return null;
    }

    private static CilockException Malformed(string message) => new(SigstoreDiagnostics.TrustedRootMalformed, message);
}

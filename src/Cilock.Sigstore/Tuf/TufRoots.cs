using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tuf;

/// <summary>
/// The trust anchor shipped for Sigstore's public-good TUF repository, so <c>--tuf-url</c> needs no <c>--tuf-root</c>
/// for it. The embedded <c>root.json</c> is version 14 (expires 2026-06-22, threshold 3 of 5 root keys), taken from
/// the <c>seeds.json</c> of npm's <c>@sigstore/tuf</c> 4.0.2 (entry <c>https://tuf-repo-cdn.sigstore.dev</c>,
/// sha256 c8c41ec13f06ccabf5b48541ee2550098b4c7b5349e1d180390c29a7d5c2642c). An expired initial root is normal for
/// TUF: the client walks the signed chain <c>15.root.json</c>, <c>16.root.json</c>… to the current root, each signed by
/// a threshold of the previous root's keys. Refresh it at release time.
/// </summary>
public static class TufRoots
{
    /// <summary>Sigstore's public-good TUF repository.</summary>
    public static readonly Uri PublicGoodUrl = new("https://tuf-repo-cdn.sigstore.dev/");

    private const string PublicGoodResource = "Cilock.Sigstore.tuf-root.public-good.json";

    /// <summary>The embedded initial <c>root.json</c> of <see cref="PublicGoodUrl"/> (bytes as shipped).</summary>
    public static byte[] PublicGoodRoot()
    {
        using var stream = typeof(TufRoots).Assembly.GetManifestResourceStream(PublicGoodResource)
            ?? throw new CilockException(SigstoreDiagnostics.TufMetadataInvalid, "the embedded public-good TUF root is missing from the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Whether <paramref name="url"/> is the public-good repository (https, same host, root path).</summary>
    public static bool IsPublicGood(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Scheme == Uri.UriSchemeHttps
            && string.Equals(url.Host, PublicGoodUrl.Host, StringComparison.OrdinalIgnoreCase)
            && url.IsDefaultPort
            && url.AbsolutePath.TrimEnd('/').Length == 0;
    }

    /// <summary>The embedded initial root for <paramref name="url"/>, or <c>null</c> when none is shipped for it.</summary>
    public static byte[]? ForUrl(Uri url) => IsPublicGood(url) ? PublicGoodRoot() : null;
}

namespace Cilock.Sigstore.Signing;

/// <summary>The public-good Sigstore endpoints and URL helpers.</summary>
public static class SigstoreUrls
{
    /// <summary>Fulcio of the public-good instance.</summary>
    public const string PublicGoodFulcio = "https://fulcio.sigstore.dev";

    /// <summary>Rekor (v1 API) of the public-good instance.</summary>
    public const string PublicGoodRekor = "https://rekor.sigstore.dev";

    /// <summary>The public-good time-stamping authority (RFC 3161).</summary>
    public const string PublicGoodTimestampAuthority = "https://timestamp.sigstore.dev/api/v1/timestamp";

    /// <summary><paramref name="baseUrl"/> (which may carry a path prefix) joined with <paramref name="relative"/>.</summary>
    internal static string WithPath(Uri baseUrl, string relative) =>
        baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + relative.TrimStart('/');
}

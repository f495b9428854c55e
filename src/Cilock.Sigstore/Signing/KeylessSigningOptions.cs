using Cilock.Sigstore.Rekor;

namespace Cilock.Sigstore.Signing;

/// <summary>Where and how <see cref="KeylessSigner"/> signs; the defaults are the Sigstore public-good instance.</summary>
public sealed record KeylessSigningOptions
{
    /// <summary>Fulcio base URL (the v2 API lives under <c>/api/v2/</c>).</summary>
    public Uri FulcioUrl { get; init; } = new(SigstoreUrls.PublicGoodFulcio);

    /// <summary>Rekor base URL (v1 API); <c>null</c> skips the transparency log (then a timestamp is mandatory).</summary>
    public Uri? RekorUrl { get; init; } = new(SigstoreUrls.PublicGoodRekor);

    /// <summary>RFC 3161 endpoints (full URLs); one token each.</summary>
    public IReadOnlyList<Uri> TimestampAuthorityUrls { get; init; } = [new(SigstoreUrls.PublicGoodTimestampAuthority)];

    /// <summary>The Rekor entry type for DSSE envelopes; <see cref="RekorEntryKind.Intoto"/> by default, as sigstore-js and cosign.</summary>
    public RekorEntryKind EnvelopeEntryKind { get; init; } = RekorEntryKind.Intoto;

    /// <summary>Timeouts and retries of every call.</summary>
    public SigstoreHttpSettings Http { get; init; } = new();
}

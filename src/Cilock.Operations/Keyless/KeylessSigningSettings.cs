using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Keyless;

/// <summary>
/// Signing-mode selection and the Sigstore endpoints for keyless signing, shared by <c>cilock run</c> and the SDK's
/// step recording. Empty values mean the public-good instance.
/// </summary>
public sealed record KeylessSigningSettings
{
    /// <summary>Key, keyless or automatic (default).</summary>
    public SigningMode Mode { get; init; } = SigningMode.Auto;

    /// <summary>Fulcio base URL; <c>null</c> = <see cref="SigstoreUrls.PublicGoodFulcio"/>.</summary>
    public string? FulcioUrl { get; init; }

    /// <summary>Rekor base URL; <c>null</c> = <see cref="SigstoreUrls.PublicGoodRekor"/>.</summary>
    public string? RekorUrl { get; init; }

    /// <summary>Skip the transparency log (private deployments without Rekor; a timestamp is then required).</summary>
    public bool NoTransparencyLog { get; init; }

    /// <summary>RFC 3161 endpoints; <c>null</c> or empty = <see cref="SigstoreUrls.PublicGoodTimestampAuthority"/>.</summary>
    public IReadOnlyList<string>? TimestampUrls { get; init; }

    /// <summary>Rekor entry type for envelopes: <c>intoto</c> (default) or <c>dsse</c>.</summary>
    public string? RekorEntryKind { get; init; }

    /// <summary>A file holding the OIDC identity token (instead of the ambient CI token).</summary>
    public string? IdentityTokenFile { get; init; }

    /// <summary>The OIDC identity token itself (<c>cilock run --identity-token</c>); never logged.</summary>
    public string? IdentityToken { get; init; }

    /// <summary>Parses <c>CilockSigning</c>: empty or <c>auto</c>, <c>key</c>, <c>keyless</c> (case-insensitive).</summary>
    /// <exception cref="CilockException">CIL6109 for any other value.</exception>
    public static SigningMode ParseMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => SigningMode.Auto,
        "key" => SigningMode.Key,
        "keyless" => SigningMode.Keyless,
        _ => throw new CilockException(KeylessDiagnostics.InvalidOptions, $"CilockSigning '{value}' is not supported; use auto, key or keyless"),
    };
}

using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Rekor;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Keyless;

/// <summary>
/// Decides between key and keyless signing and runs the keyless path for <c>cilock run</c> and the SDK: the envelope
/// (Witness/cilock form) is written by the caller, the Sigstore bundle goes next to it
/// (<see cref="KeylessSigner.BundlePathFor"/>).
/// </summary>
internal static class KeylessEvidenceSigner
{
    /// <summary>
    /// The keyless signer to use, or <c>null</c> to sign with a key. Everything checkable before the work starts is
    /// checked here (mode conflicts, URLs, a token source), so a bad configuration fails before a command runs.
    /// </summary>
    /// <exception cref="CilockException">CIL6100 keyless without a token source, CIL6108/CIL6109 bad settings.</exception>
    public static KeylessSigner? Prepare(KeylessSigningSettings settings, bool keyConfigured, IReadOnlyDictionary<string, string> environment, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var identityOptions = new IdentityTokenOptions
        {
            Token = string.IsNullOrWhiteSpace(settings.IdentityToken) ? null : settings.IdentityToken,
            TokenFile = string.IsNullOrWhiteSpace(settings.IdentityTokenFile) ? null : settings.IdentityTokenFile,
        };
        var explicitToken = identityOptions.Token is not null || identityOptions.TokenFile is not null;
        switch (settings.Mode)
        {
            case SigningMode.Key:
                return null;
            case SigningMode.Keyless when keyConfigured:
                throw new CilockException(KeylessDiagnostics.InvalidOptions, "keyless signing was requested but a signing key is configured too; remove one of them");
            case SigningMode.Auto when keyConfigured || (!explicitToken && !IdentityTokenSources.HasAmbientToken(environment)):
                // Laptops (no CI token) keep the per-user key; a configured key always wins in auto mode.
                return null;
        }

        var options = Options(settings);
        var identity = IdentityTokenSources.Require(identityOptions, environment, options.Http, httpClient);
        return new KeylessSigner(identity, options, httpClient);
    }

    /// <summary>Writes <paramref name="bundle"/> atomically next to <paramref name="envelopePath"/>; returns its path.</summary>
    public static string WriteBundle(string envelopePath, SigstoreBundle bundle)
    {
        var path = KeylessSigner.BundlePathFor(envelopePath);
        AtomicFile.WriteAllBytes(path, bundle.ToJsonBytes());
        return path;
    }

    /// <summary>The informational diagnostic naming the certificate identity and the bundle.</summary>
    public static Diagnostic Signed(KeylessSignedEnvelope signed, string bundlePath) =>
        new(KeylessDiagnostics.KeylessSigned, DiagnosticSeverity.Info, $"signed keyless as {signed.Identity}; Sigstore bundle {bundlePath}", null);

    private static KeylessSigningOptions Options(KeylessSigningSettings s)
    {
        var kind = s.RekorEntryKind?.Trim().ToLowerInvariant() switch
        {
            null or "" or "intoto" => RekorEntryKind.Intoto,
            "dsse" => RekorEntryKind.Dsse,
            _ => throw new CilockException(KeylessDiagnostics.InvalidOptions, $"Rekor entry kind '{s.RekorEntryKind}' is not supported; use intoto or dsse"),
        };
        var tsa = (s.TimestampUrls ?? []).Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
        return new KeylessSigningOptions
        {
            FulcioUrl = Url(s.FulcioUrl, SigstoreUrls.PublicGoodFulcio, "the Fulcio URL"),
            RekorUrl = s.NoTransparencyLog ? null : Url(s.RekorUrl, SigstoreUrls.PublicGoodRekor, "the Rekor URL"),
            TimestampAuthorityUrls = tsa.Count == 0
                ? [new Uri(SigstoreUrls.PublicGoodTimestampAuthority)]
                : [.. tsa.Select(u => Url(u, SigstoreUrls.PublicGoodTimestampAuthority, "the time-stamping authority URL"))],
            EnvelopeEntryKind = kind,
        };
    }

    private static Uri Url(string? value, string fallback, string what) =>
        Uri.TryCreate(string.IsNullOrWhiteSpace(value) ? fallback : value.Trim(), UriKind.Absolute, out var url)
            ? url
            : throw new CilockException(KeylessDiagnostics.InvalidOptions, $"{what} '{value}' is not an absolute URL");
}

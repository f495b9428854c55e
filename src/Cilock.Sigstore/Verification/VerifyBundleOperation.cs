using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Tuf;

namespace Cilock.Sigstore.Verification;

/// <summary>
/// The code path behind <c>cilock verify-bundle</c>: checks the request, loads the bundle, trusted root, key and
/// artifact, and verifies. A malformed bundle is a failed verification; unusable inputs throw.
/// </summary>
public static class VerifyBundleOperation
{
    /// <summary>Runs the verification.</summary>
    /// <param name="request">The command-line inputs.</param>
    /// <param name="http">The HTTP client for a TUF refresh (only used with <see cref="VerifyBundleRequest.TufUrl"/>).</param>
    /// <param name="cancellationToken">Cancels a TUF refresh.</param>
    /// <exception cref="CilockException">CIL6006 contradictory or incomplete options, CIL6000 unreadable files, CIL6004/CIL6005 bad root or artifact, CIL605x untrusted TUF metadata.</exception>
    public static async Task<SigstoreVerificationResult> ExecuteAsync(VerifyBundleRequest request, HttpClient http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        var byIdentity = request.CertificateIdentity is not null || request.CertificateIdentityRegex is not null;
        var byIssuer = request.CertificateOidcIssuer is not null || request.CertificateOidcIssuerRegex is not null;
        if (request.KeyPath is not null && (byIdentity || byIssuer))
        {
            throw Usage("--key cannot be combined with certificate identity options");
        }

        if (request.KeyPath is null && !byIdentity)
        {
            throw Usage("pass --key PUB.pem, or --certificate-identity with --certificate-oidc-issuer, or --certificate-identity-regexp");
        }

        if (request.CertificateIdentity is not null && request.CertificateIdentityRegex is not null)
        {
            throw Usage("--certificate-identity and --certificate-identity-regexp are mutually exclusive");
        }

        if (request.CertificateOidcIssuer is not null && request.CertificateOidcIssuerRegex is not null)
        {
            throw Usage("--certificate-oidc-issuer and --certificate-oidc-issuer-regexp are mutually exclusive");
        }

        if (request.CertificateIdentity is not null && !byIssuer)
        {
            throw Usage("--certificate-identity needs --certificate-oidc-issuer or --certificate-oidc-issuer-regexp");
        }

        if ((request.TufRootPath is not null && request.TufUrl is null) || (request.TufUrl is not null && request.TrustedRootPath is not null))
        {
            throw Usage("--tuf-root needs --tuf-url, and neither combines with --trusted-root");
        }

        IReadOnlyList<Diagnostic> warnings = [];
        TrustedRoot root;
        if (request.TufUrl is { } tufUrl)
        {
            (root, warnings) = await FromTufAsync(request, tufUrl, http, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            root = request.TrustedRootPath is null ? TrustedRoot.PublicGood() : TrustedRoot.Load(request.TrustedRootPath);
        }

        var artifact = SigstoreArtifact.Parse(request.Artifact);
        var options = new SigstoreVerificationOptions
        {
            CertificateIdentity = request.CertificateIdentity,
            CertificateIdentityRegex = request.CertificateIdentityRegex,
            CertificateOidcIssuer = request.CertificateOidcIssuer,
            CertificateOidcIssuerRegex = request.CertificateOidcIssuerRegex,
            PublicKey = request.KeyPath is null ? null : ReadPublicKey(request.KeyPath),
        };

        SigstoreBundle bundle;
        try
        {
            bundle = SigstoreBundle.Load(request.BundlePath);
        }
        catch (CilockException e) when (e.Code != SigstoreDiagnostics.FileUnreadable)
        {
            return SigstoreVerificationResult.Failed(e.Code, e.Message) with { Warnings = warnings };
        }

        return new SigstoreBundleVerifier(root).Verify(bundle, artifact, options) with { Warnings = warnings };
    }

    private static async Task<(TrustedRoot Root, IReadOnlyList<Diagnostic> Warnings)> FromTufAsync(VerifyBundleRequest request, Uri tufUrl, HttpClient http, CancellationToken cancellationToken)
    {
        var embedded = request.TufRootPath is null;
        var initialRoot = embedded
            ? TufRoots.ForUrl(tufUrl) ?? throw Usage($"--tuf-url '{tufUrl}' needs --tuf-root: an initial root is embedded only for {TufRoots.PublicGoodUrl}")
            : ReadFile(request.TufRootPath!, "TUF root");
        var client = new TufClient(new TufClientOptions
        {
            MetadataUrl = tufUrl.AbsoluteUri.EndsWith('/') ? tufUrl : new Uri(tufUrl.AbsoluteUri + "/"),
            InitialRoot = initialRoot,
            CacheDirectory = request.TufCacheDirectory ?? DefaultTufCache(tufUrl),
        }, http);
        try
        {
            return await client.GetTrustedRootAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CilockException e) when (embedded && e.Code == SigstoreDiagnostics.TufOffline)
        {
            // Unreachable with no verified cache: the root embedded in this release is what verification uses without
            // --tuf-url anyway, so it is no weaker; say so. Signature, expiry, rollback and hash failures never get here.
            Diagnostic warning = Diagnostic.Warning(SigstoreDiagnostics.TufEmbeddedRootUsed,
                $"{e.Message}; using the Sigstore trusted root embedded in cilock instead (revocations since this release are not seen)");
            return (TrustedRoot.PublicGood(), [warning]);
        }
    }

    private static string DefaultTufCache(Uri url)
    {
        var home = Environment.GetEnvironmentVariable(UserKeyStore.HomeEnvironmentVariable);
        if (string.IsNullOrEmpty(home))
        {
            var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (profile.Length == 0)
            {
                throw Usage("no home folder is known; pass --tuf-cache");
            }

            home = Path.Combine(profile, ".cilock");
        }

        return Path.Combine(home, "tuf", url.IsDefaultPort ? url.Host : $"{url.Host}_{url.Port}");
    }

    private static byte[] ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CilockException(SigstoreDiagnostics.FileUnreadable, $"cannot read {what} '{path}': {e.Message}");
        }
    }

    private static byte[] ReadPublicKey(string path)
    {
        var pem = System.Text.Encoding.UTF8.GetString(ReadFile(path, "key"));

        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != "PUBLIC KEY")
        {
            throw new CilockException(SigstoreDiagnostics.KeyMismatch, $"'{path}' is not a PEM PUBLIC KEY");
        }

        try
        {
            return Convert.FromBase64String(pem[fields.Base64Data]);
        }
        catch (FormatException)
        {
            throw new CilockException(SigstoreDiagnostics.KeyMismatch, $"'{path}' holds invalid base64");
        }
    }

    private static CilockException Usage(string message) => new(SigstoreDiagnostics.UsageInvalid, message);
}

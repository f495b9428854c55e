using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;

namespace Cilock.Sigstore.Verification;

/// <summary>
/// The code path behind <c>cilock verify-bundle</c>: checks the request, loads the bundle, trusted root, key and
/// artifact, and verifies. A malformed bundle is a failed verification; unusable inputs throw.
/// </summary>
public static class VerifyBundleOperation
{
    /// <summary>Runs the verification.</summary>
    /// <exception cref="CilockException">CIL6006 contradictory or incomplete options, CIL6000 unreadable files, CIL6004/CIL6005 bad root or artifact.</exception>
    public static SigstoreVerificationResult Execute(VerifyBundleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var byIdentity = request.CertificateIdentity is not null || request.CertificateIdentityRegex is not null;
        if (request.KeyPath is not null && (byIdentity || request.CertificateOidcIssuer is not null))
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

        if (request.CertificateIdentity is not null && request.CertificateOidcIssuer is null)
        {
            throw Usage("--certificate-identity needs --certificate-oidc-issuer");
        }

        var root = request.TrustedRootPath is null ? TrustedRoot.PublicGood() : TrustedRoot.Load(request.TrustedRootPath);
        var artifact = SigstoreArtifact.Parse(request.Artifact);
        var options = new SigstoreVerificationOptions
        {
            CertificateIdentity = request.CertificateIdentity,
            CertificateIdentityRegex = request.CertificateIdentityRegex,
            CertificateOidcIssuer = request.CertificateOidcIssuer,
            PublicKey = request.KeyPath is null ? null : ReadPublicKey(request.KeyPath),
        };

        SigstoreBundle bundle;
        try
        {
            bundle = SigstoreBundle.Load(request.BundlePath);
        }
        catch (CilockException e) when (e.Code != SigstoreDiagnostics.FileUnreadable)
        {
            return SigstoreVerificationResult.Failed(e.Code, e.Message);
        }

        return new SigstoreBundleVerifier(root).Verify(bundle, artifact, options);
    }

    private static byte[] ReadPublicKey(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CilockException(SigstoreDiagnostics.FileUnreadable, $"cannot read key '{path}': {e.Message}");
        }

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

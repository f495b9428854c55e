using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Cilock.Attestation.Crypto;

/// <summary>
/// Verifies an RFC 3161 TimeStampToken stamped over raw DSSE signature bytes (spec dsse-and-keys.md §8, the W12
/// column plus the TSA chain at genTime): imprint, CMS signature, exactly one signer whose extended key usage is
/// exactly id-kp-timeStamping and marked critical, and a chain to the authority's pool valid at genTime.
/// </summary>
public static class TimestampVerifier
{
    /// <summary>Verifies <paramref name="token"/> over <paramref name="signature"/> against <paramref name="authority"/>.</summary>
    /// <param name="token">The DER TimeStampToken (CMS ContentInfo).</param>
    /// <param name="signature">The raw signature bytes that were stamped.</param>
    /// <param name="authority">The trusted authority.</param>
    /// <param name="requireCriticalEku">Require the TSA certificate's EKU extension to be critical (RFC 3161 §2.3); <c>false</c> matches cilock.</param>
    public static TimestampVerificationResult Verify(ReadOnlySpan<byte> token, ReadOnlySpan<byte> signature, TimestampAuthority authority, bool requireCriticalEku = true)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (!Rfc3161TimestampToken.TryDecode(token.ToArray(), out var decoded, out var consumed) || consumed != token.Length)
        {
            return Fail("the timestamp is not a DER RFC 3161 TimeStampToken");
        }

        SignedCms cms;
        try
        {
            cms = decoded.AsSignedCms();
        }
        catch (CryptographicException e)
        {
            return Fail($"the timestamp's CMS structure is invalid: {e.Message}");
        }

        if (cms.SignerInfos.Count != 1)
        {
            return Fail($"the timestamp has {cms.SignerInfos.Count} signers; exactly one is required");
        }

        var candidates = new X509Certificate2Collection();
        candidates.AddRange(authority.Pool.ToArray());
        X509Certificate2? signer;
        try
        {
            // Checks the message imprint (with the token's own hash algorithm), ESSCertID and the CMS signature.
            if (!decoded.VerifySignatureForData(signature, out signer, candidates) || signer is null)
            {
                return Fail("the timestamp's imprint or CMS signature does not verify for this signature");
            }
        }
        catch (CryptographicException e)
        {
            return Fail($"the timestamp's CMS signature does not verify: {e.Message}");
        }

        var genTime = decoded.TokenInfo.Timestamp;
        var eku = signer.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null || eku.EnhancedKeyUsages.Count != 1 || eku.EnhancedKeyUsages[0].Value != Oids.TimeStamping)
        {
            return new TimestampVerificationResult(false, genTime, signer, $"TSA certificate '{signer.Subject}' must have exactly the id-kp-timeStamping extended key usage");
        }

        if (requireCriticalEku && !eku.Critical)
        {
            return new TimestampVerificationResult(false, genTime, signer, $"TSA certificate '{signer.Subject}' must mark its extended key usage critical");
        }

        var chain = CertificateChainVerifier.Verify(signer, cms.Certificates.Cast<X509Certificate2>(), authority.Pool, genTime, Oids.TimeStamping);
        return chain.IsValid
            ? new TimestampVerificationResult(true, genTime, signer, null)
            : new TimestampVerificationResult(false, genTime, signer, $"TSA '{authority.Name}': {chain.Error}");
    }

    private static TimestampVerificationResult Fail(string error) => new(false, default, null, error);
}

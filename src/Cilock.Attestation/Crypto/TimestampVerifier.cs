using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;

namespace Cilock.Attestation.Crypto;

/// <summary>
/// Verifies an RFC 3161 TimeStampToken stamped over raw DSSE signature bytes (spec dsse-and-keys.md §8, the W12
/// column plus the TSA chain at genTime): message imprint with the token's own hash algorithm, exactly one signer,
/// CMS signature, a signer certificate whose only extended key usage is id-kp-timeStamping (critical unless relaxed),
/// and a chain to the authority's pool valid at genTime with that usage.
/// </summary>
/// <remarks>
/// The CMS is checked by hand rather than through <see cref="Rfc3161TimestampToken"/>, whose decoder already refuses a
/// non-critical EKU and so could not offer cilock's relaxed mode.
/// </remarks>
public static class TimestampVerifier
{
    private const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";

    /// <summary>Verifies <paramref name="token"/> over <paramref name="signature"/> against <paramref name="authority"/>.</summary>
    /// <param name="token">The DER TimeStampToken (CMS ContentInfo).</param>
    /// <param name="signature">The raw signature bytes that were stamped.</param>
    /// <param name="authority">The trusted authority.</param>
    /// <param name="requireCriticalEku">Require the TSA certificate's EKU extension to be critical (RFC 3161 §2.3); <c>false</c> matches cilock.</param>
    public static TimestampVerificationResult Verify(ReadOnlySpan<byte> token, ReadOnlySpan<byte> signature, TimestampAuthority authority, bool requireCriticalEku = true)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var cms = new SignedCms();
        try
        {
            cms.Decode(token);
        }
        catch (CryptographicException e)
        {
            return Fail($"the timestamp is not a CMS TimeStampToken: {e.Message}");
        }

        if (cms.ContentInfo.ContentType.Value != TstInfoOid
            || !Rfc3161TimestampTokenInfo.TryDecode(cms.ContentInfo.Content, out var info, out var read)
            || read != cms.ContentInfo.Content.Length)
        {
            return Fail("the timestamp does not carry a valid TSTInfo");
        }

        if (cms.SignerInfos.Count != 1)
        {
            return Fail($"the timestamp has {cms.SignerInfos.Count} signers; exactly one is required");
        }

        var genTime = info.Timestamp;
        if (!TryHash(info.HashAlgorithmId.Value, signature, out var imprint))
        {
            return new(false, genTime, null, $"the timestamp uses an unsupported imprint hash algorithm {info.HashAlgorithmId.Value}");
        }

        if (!CryptographicOperations.FixedTimeEquals(imprint, info.GetMessageHash().Span))
        {
            return new(false, genTime, null, "the timestamp's message imprint is not the hash of this signature");
        }

        var signerInfo = cms.SignerInfos[0];
        List<X509Certificate2> embedded;
        X509Certificate2? signer;
        try
        {
            // Certificates inside the token are decoded lazily: a corrupt one only throws here.
            embedded = cms.Certificates.Cast<X509Certificate2>().ToList();
            signer = FindSigner(signerInfo, [.. embedded, .. authority.Pool]);
        }
        catch (CryptographicException e)
        {
            return new(false, genTime, null, $"the timestamp carries an unreadable certificate: {e.Message}");
        }

        if (signer is null)
        {
            return new(false, genTime, null, "the timestamp's signing certificate is neither embedded nor in the authority's pool");
        }

        try
        {
            signerInfo.CheckSignature(new X509Certificate2Collection(signer), verifySignatureOnly: true);
        }
        catch (CryptographicException e)
        {
            return new(false, genTime, signer, $"the timestamp's CMS signature does not verify: {e.Message}");
        }

        var ekus = signer.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        if (ekus.Count != 1 || ekus[0].EnhancedKeyUsages.Count != 1 || ekus[0].EnhancedKeyUsages[0].Value != Oids.TimeStamping)
        {
            return new(false, genTime, signer, $"TSA certificate '{signer.Subject}' must have exactly the id-kp-timeStamping extended key usage");
        }

        if (requireCriticalEku && !ekus[0].Critical)
        {
            return new(false, genTime, signer, $"TSA certificate '{signer.Subject}' must mark its extended key usage critical");
        }

        var chain = CertificateChainVerifier.Verify(signer, embedded, authority.Pool, genTime, Oids.TimeStamping);
        return chain.IsValid
            ? new(true, genTime, signer, null)
            : new(false, genTime, signer, $"TSA '{authority.Name}': {chain.Error}");
    }

    private static bool TryHash(string? oid, ReadOnlySpan<byte> data, out byte[] hash)
    {
        hash = oid switch
        {
            "2.16.840.1.101.3.4.2.1" => SHA256.HashData(data),
            "2.16.840.1.101.3.4.2.2" => SHA384.HashData(data),
            "2.16.840.1.101.3.4.2.3" => SHA512.HashData(data),
            _ => [],
        };
        return hash.Length > 0;
    }

    private static X509Certificate2? FindSigner(SignerInfo signerInfo, IEnumerable<X509Certificate2> candidates)
    {
        var id = signerInfo.SignerIdentifier;
        foreach (var cert in candidates)
        {
            var match = id.Type switch
            {
                SubjectIdentifierType.IssuerAndSerialNumber when id.Value is X509IssuerSerial serial =>
                    cert.IssuerName.Name == serial.IssuerName && string.Equals(cert.SerialNumber, serial.SerialNumber, StringComparison.OrdinalIgnoreCase),
                SubjectIdentifierType.SubjectKeyIdentifier when id.Value is string ski =>
                    cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any(e => string.Equals(e.SubjectKeyIdentifier, ski, StringComparison.OrdinalIgnoreCase)),
                _ => false,
            };
            if (match)
            {
                return cert;
            }
        }

        return null;
    }

    private static TimestampVerificationResult Fail(string error) => new(false, default, null, error);
}

using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Cilock.Attestation.Tests.Crypto;

/// <summary>
/// Builds throw-away certificate authorities, Fulcio-like leaves and RFC 3161 tokens in-process (fixtures.md §4.3–4.4),
/// so certificate and timestamp verification is tested without any network or checked-in private key.
/// </summary>
internal static class TestPki
{
    public static readonly DateTimeOffset Epoch = new(2024, 2, 19, 18, 0, 0, TimeSpan.Zero);

    /// <summary>A self-signed CA (no EKU extension: permits everything, like the sigstore root).</summary>
    public static X509Certificate2 CreateRoot(string name = "Test Root", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore ?? Epoch.AddYears(-5), notAfter ?? Epoch.AddYears(20));
    }

    /// <summary>An intermediate CA, optionally restricted to code signing (like the sigstore intermediate).</summary>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string name = "Test Intermediate", params string[] ekus)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        AddEku(request, ekus, critical: false);
        using var cert = request.Create(issuer, Epoch.AddYears(-4), Epoch.AddYears(15), RandomNumberGenerator.GetBytes(12));
        return cert.CopyWithPrivateKey(key);
    }

    /// <summary>A Fulcio-like leaf: empty subject, email SAN, code signing, issuer extensions .1 (raw) and .8 (DER UTF8String).</summary>
    public static X509Certificate2 CreateLeaf(
        X509Certificate2 issuer,
        ECDsa key,
        DateTimeOffset notBefore,
        TimeSpan lifetime,
        string[]? ekus = null,
        string email = "dev@example.com")
    {
        var request = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(email);
        request.CertificateExtensions.Add(san.Build(critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        AddEku(request, ekus ?? [Cilock.Attestation.Crypto.Oids.CodeSigning], critical: false);
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.1", "https://accounts.example.com"u8.ToArray(), false));
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, "https://accounts.example.com");
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.8", writer.Encode(), false));
        var writer12 = new AsnWriter(AsnEncodingRules.DER);
        writer12.WriteCharacterString(UniversalTagNumber.UTF8String, "https://github.com/example/repo");
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.12", writer12.Encode(), false));
        return request.Create(issuer, notBefore, notBefore + lifetime, RandomNumberGenerator.GetBytes(12));
    }

    /// <summary>A TSA signing certificate (with its private key) whose EKU is <paramref name="ekus"/>.</summary>
    public static X509Certificate2 CreateTsa(X509Certificate2 issuer, bool criticalEku = true, params string[] ekus)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Test TSA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        AddEku(request, ekus.Length == 0 ? [Cilock.Attestation.Crypto.Oids.TimeStamping] : ekus, criticalEku);
        using var cert = request.Create(issuer, DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddYears(3), RandomNumberGenerator.GetBytes(12));
        return cert.CopyWithPrivateKey(key);
    }

    /// <summary>Creates a DER TimeStampToken over <paramref name="data"/> (SHA-256 imprint), signed by each of <paramref name="tsas"/>.</summary>
    public static byte[] CreateToken(ReadOnlySpan<byte> data, DateTimeOffset genTime, params X509Certificate2[] tsas) =>
        CreateTokenForImprint(SHA256.HashData(data), null, genTime, tsas);

    /// <summary>Creates a DER TimeStampToken for a SHA-256 <paramref name="imprint"/> and optional <paramref name="nonce"/>.</summary>
    public static byte[] CreateTokenForImprint(byte[] imprint, ReadOnlyMemory<byte>? nonce, DateTimeOffset genTime, params X509Certificate2[] tsas)
    {
        var info = new Rfc3161TimestampTokenInfo(
            new Oid("1.3.6.1.4.1.4146.2.3"),
            new Oid("2.16.840.1.101.3.4.2.1"),
            imprint,
            RandomNumberGenerator.GetBytes(8),
            genTime,
            nonce: nonce);
        var cms = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), info.Encode()), detached: false);
        foreach (var tsa in tsas)
        {
            var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, tsa)
            {
                DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
                IncludeOption = X509IncludeOption.EndCertOnly,
            };
            signer.SignedAttributes.Add(new Pkcs9SigningTime(genTime.UtcDateTime));
            signer.SignedAttributes.Add(SigningCertificateV2(tsa));
            cms.ComputeSignature(signer, silent: true);
        }

        return cms.Encode();
    }

    public static string Pem(X509Certificate2 cert) => Cilock.Attestation.Crypto.CertificatePem.ToPem(cert);

    // ESS signing-certificate-v2 (RFC 5035) with the default SHA-256 hash: .NET requires it on timestamp tokens.
    private static AsnEncodedData SigningCertificateV2(X509Certificate2 cert)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                using (w.PushSequence())
                {
                    w.WriteOctetString(SHA256.HashData(cert.RawData));
                }
            }
        }

        return new AsnEncodedData("1.2.840.113549.1.9.16.2.47", w.Encode());
    }

    private static void AddEku(CertificateRequest request, string[] ekus, bool critical)
    {
        if (ekus.Length == 0)
        {
            return;
        }

        var collection = new OidCollection();
        foreach (var eku in ekus)
        {
            collection.Add(new Oid(eku));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(collection, critical));
    }
}

using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Signing;

namespace Cilock.Policy.Tests.Support;

/// <summary>Identity attributes of a test leaf certificate.</summary>
internal sealed record LeafIdentity
{
    public string CommonName { get; init; } = "";

    public string[] Organizations { get; init; } = [];

    public string[] Emails { get; init; } = ["dev@example.com"];

    public string[] Uris { get; init; } = [];

    public string[] DnsNames { get; init; } = [];

    public string Issuer { get; init; } = "https://token.actions.githubusercontent.com";

    public string? SourceRepositoryUri { get; init; } = "https://github.com/acme/app";

    public bool CodeSigning { get; init; } = true;
}

/// <summary>A throw-away root → intermediate CA, Fulcio-like leaves and an RFC 3161 TSA for one test.</summary>
internal sealed class TestCa
{
    private readonly ECDsa _tsaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCa(DateTimeOffset now)
    {
        Now = now;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = CaRequest("CN=Test Root", rootKey);
        Root = rootRequest.CreateSelfSigned(now.AddYears(-5), now.AddYears(10));
        using var intKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var intermediate = CaRequest("CN=Test Intermediate", intKey).Create(Root, now.AddYears(-4), now.AddYears(9), RandomNumberGenerator.GetBytes(12));
        Intermediate = intermediate.CopyWithPrivateKey(intKey);
        var tsaRequest = new CertificateRequest("CN=Test TSA", _tsaKey, HashAlgorithmName.SHA256);
        tsaRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(Oids.TimeStamping)], critical: true));
        using var tsa = tsaRequest.Create(Root, now.AddYears(-3), now.AddYears(3), RandomNumberGenerator.GetBytes(12));
        Tsa = tsa.CopyWithPrivateKey(_tsaKey);
    }

    public DateTimeOffset Now { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 Tsa { get; }

    /// <summary>A signer with a 10-minute leaf issued by the intermediate, valid from <paramref name="notBefore"/>.</summary>
    public ISigner CreateSigner(LeafIdentity identity, DateTimeOffset? notBefore = null, TimeSpan? lifetime = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        if (identity.CommonName.Length > 0)
        {
            subject.AddCommonName(identity.CommonName);
        }

        foreach (var o in identity.Organizations)
        {
            subject.AddOrganizationName(o);
        }

        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var e in identity.Emails)
        {
            san.AddEmailAddress(e);
        }

        foreach (var u in identity.Uris)
        {
            san.AddUri(new Uri(u));
        }

        foreach (var d in identity.DnsNames)
        {
            san.AddDnsName(d);
        }

        if (identity.Emails.Length + identity.Uris.Length + identity.DnsNames.Length > 0)
        {
            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(identity.CodeSigning ? Oids.CodeSigning : "1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(Utf8Extension("1.3.6.1.4.1.57264.1.8", identity.Issuer));
        if (identity.SourceRepositoryUri is { } repo)
        {
            request.CertificateExtensions.Add(Utf8Extension("1.3.6.1.4.1.57264.1.12", repo));
        }

        var start = notBefore ?? Now.AddMinutes(-1);
        using var leaf = request.Create(Intermediate, start, start + (lifetime ?? TimeSpan.FromMinutes(10)), RandomNumberGenerator.GetBytes(12));
        return new X509CertificateSigner(new EcdsaSigner(key), CertificatePem.ToPem(leaf), [CertificatePem.ToPem(Intermediate)]);
    }

    /// <summary>An RFC 3161 token over the raw signature bytes, issued at <paramref name="genTime"/>.</summary>
    public byte[] Timestamp(byte[] signature, DateTimeOffset genTime)
    {
        // A positive nonce with no redundant leading byte (ASN.1 INTEGER rules).
        var nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] = (byte)((nonce[0] & 0x7F) | 0x01);
        var info = new Rfc3161TimestampTokenInfo(new Oid("1.3.6.1.4.1.4146.2.3"), new Oid("2.16.840.1.101.3.4.2.1"), SHA256.HashData(signature), nonce, genTime);
        var cms = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), info.Encode()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Tsa)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(genTime.UtcDateTime));
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        using (w.PushSequence())
        {
            w.WriteOctetString(SHA256.HashData(Tsa.RawData));
        }

        signer.SignedAttributes.Add(new AsnEncodedData("1.2.840.113549.1.9.16.2.47", w.Encode()));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    public static string Base64Pem(X509Certificate2 cert) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CertificatePem.ToPem(cert)));

    private static CertificateRequest CaRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static X509Extension Utf8Extension(string oid, string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        return new X509Extension(oid, writer.Encode(), false);
    }
}

using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

/// <summary>
/// The identity attributes of a signing certificate that <see cref="CertConstraint"/> can test: subject CN and O,
/// DNS/email/URI SANs, Fulcio extensions (raw .1–.6 vs DER UTF8String .8+) and certificate policy OIDs.
/// </summary>
internal sealed class CertificateIdentity
{
    private CertificateIdentity() { }

    public string CommonName { get; private init; } = "";

    public IReadOnlyList<string> Organizations { get; private init; } = [];

    public IReadOnlyList<string> DnsNames { get; private init; } = [];

    public IReadOnlyList<string> Emails { get; private init; } = [];

    public IReadOnlyList<string> Uris { get; private init; } = [];

    public IReadOnlyList<string> PolicyOids { get; private init; } = [];

    /// <summary>Fulcio extension values by canonical extension name; a value that could not be decoded is absent.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; private init; } = new Dictionary<string, string>();

    public static CertificateIdentity From(X509Certificate2 certificate)
    {
        var cn = new List<string>();
        var orgs = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            var oid = rdn.GetSingleElementType().Value;
            var value = rdn.GetSingleElementValue();
            if (value is null)
            {
                continue;
            }

            if (oid == "2.5.4.3")
            {
                cn.Add(value);
            }
            else if (oid == "2.5.4.10")
            {
                orgs.Add(value);
            }
        }

        var dns = new List<string>();
        var emails = new List<string>();
        var uris = new List<string>();
        var policies = new List<string>();
        var raw = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var ext in certificate.Extensions)
        {
            switch (ext.Oid?.Value)
            {
                case "2.5.29.17":
                    ReadSubjectAltNames(ext.RawData, dns, emails, uris);
                    break;
                case "2.5.29.32":
                    ReadPolicies(ext.RawData, policies);
                    break;
                case { } oid when oid.StartsWith("1.3.6.1.4.1.57264.1.", StringComparison.Ordinal):
                    raw[oid] = ext.RawData;
                    break;
            }
        }

        var extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, oid) in FulcioExtensions.Oids)
        {
            if (raw.TryGetValue(oid, out var bytes) && Decode(oid, bytes) is { } value)
            {
                extensions[name] = value;
            }
        }

        if (!extensions.ContainsKey("Issuer") && raw.TryGetValue(FulcioExtensions.LegacyIssuerOid, out var legacy)
            && Decode(FulcioExtensions.LegacyIssuerOid, legacy) is { } issuer)
        {
            extensions["Issuer"] = issuer;
        }

        return new CertificateIdentity
        {
            // Go reads the first CN attribute only.
            CommonName = cn.FirstOrDefault() ?? "",
            Organizations = orgs,
            DnsNames = dns,
            Emails = emails,
            Uris = uris,
            PolicyOids = policies,
            Extensions = extensions,
        };
    }

    private static string? Decode(string oid, byte[] bytes)
    {
        try
        {
            if (FulcioExtensions.IsRawValue(oid))
            {
                return new UTF8Encoding(false, true).GetString(bytes);
            }

            var reader = new AsnReader(bytes, AsnEncodingRules.DER);
            var value = reader.ReadCharacterString(UniversalTagNumber.UTF8String);
            reader.ThrowIfNotEmpty();
            return value;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or DecoderFallbackException or ArgumentException)
        {
            return null;
        }
    }

    private static void ReadSubjectAltNames(byte[] data, List<string> dns, List<string> emails, List<string> uris)
    {
        try
        {
            var seq = new AsnReader(data, AsnEncodingRules.DER).ReadSequence();
            while (seq.HasData)
            {
                var tag = seq.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    seq.ReadEncodedValue();
                    continue;
                }

                switch (tag.TagValue)
                {
                    case 1:
                        emails.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 1)));
                        break;
                    case 2:
                        dns.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 2)));
                        break;
                    case 6:
                        uris.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6)));
                        break;
                    default:
                        seq.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed SAN extension yields no values, so any SAN constraint other than '*' fails (closed).
        }
    }

    private static void ReadPolicies(byte[] data, List<string> oids)
    {
        try
        {
            var seq = new AsnReader(data, AsnEncodingRules.DER).ReadSequence();
            while (seq.HasData)
            {
                var info = seq.ReadSequence();
                oids.Add(info.ReadObjectIdentifier());
            }
        }
        catch (AsnContentException)
        {
            // Unreadable policies: no OIDs, so requiredpolicyoids fails closed.
        }
    }
}

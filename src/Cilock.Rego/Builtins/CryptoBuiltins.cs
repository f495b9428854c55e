using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Hashes, HMACs and <c>crypto.x509.parse_certificates</c>.</summary>
internal static class CryptoBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("crypto.md5", 1, (_, a) => Hex(MD5.HashData(Bytes(a, 0))));
        t.Add("crypto.sha1", 1, (_, a) => Hex(SHA1.HashData(Bytes(a, 0))));
        t.Add("crypto.sha256", 1, (_, a) => Hex(SHA256.HashData(Bytes(a, 0))));
        t.Add("crypto.sha384", 1, (_, a) => Hex(SHA384.HashData(Bytes(a, 0))));
        t.Add("crypto.sha512", 1, (_, a) => Hex(SHA512.HashData(Bytes(a, 0))));
        t.Add("crypto.hmac.md5", 2, (_, a) => Hex(HMACMD5.HashData(Bytes(a, 1), Bytes(a, 0))));
        t.Add("crypto.hmac.sha1", 2, (_, a) => Hex(HMACSHA1.HashData(Bytes(a, 1), Bytes(a, 0))));
        t.Add("crypto.hmac.sha256", 2, (_, a) => Hex(HMACSHA256.HashData(Bytes(a, 1), Bytes(a, 0))));
        t.Add("crypto.hmac.sha512", 2, (_, a) => Hex(HMACSHA512.HashData(Bytes(a, 1), Bytes(a, 0))));
        t.Add("crypto.hmac.equal", 2, (_, a) => B(CryptographicOperations.FixedTimeEquals(Bytes(a, 0), Bytes(a, 1))));
        t.Add("crypto.x509.parse_certificates", 1, (_, a) => new ArrayValue(ParseCertificates(Str(a, 0)).Select(Describe).ToArray()));
    }

    private static byte[] Bytes(Value[] a, int i) => Encoding.UTF8.GetBytes(Str(a, i));

    private static StringValue Hex(byte[] b) => S(Convert.ToHexStringLower(b));

    /// <summary>Accepts PEM text, base64 of PEM, or base64 of concatenated DER certificates.</summary>
    internal static List<X509Certificate2> ParseCertificates(string input)
    {
        var text = input.Trim();
        if (!text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            byte[] raw;
            try
            {
                raw = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new BuiltinException("input is neither PEM nor base64-encoded certificate data");
            }

            var decoded = Encoding.ASCII.GetString(raw);
            if (decoded.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                text = decoded;
            }
            else
            {
                // Concatenated DER certificates: split on the outer ASN.1 SEQUENCEs.
                var list = new List<X509Certificate2>();
                var span = raw.AsSpan();
                while (!span.IsEmpty)
                {
                    System.Formats.Asn1.AsnDecoder.ReadEncodedValue(span, System.Formats.Asn1.AsnEncodingRules.DER, out _, out _, out var consumed);
                    list.Add(X509CertificateLoader.LoadCertificate(span[..consumed]));
                    span = span[consumed..];
                }

                return list;
            }
        }

        var certs = new X509Certificate2Collection();
        certs.ImportFromPem(text);
        if (certs.Count == 0)
        {
            throw new BuiltinException("no certificates found in input");
        }

        return certs.Cast<X509Certificate2>().ToList();
    }

    private static Value Describe(X509Certificate2 c)
    {
        var san = c.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var basic = c.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        var usage = c.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        var serial = System.Numerics.BigInteger.Parse("0" + c.SerialNumber, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return ObjFrom(new Dictionary<string, Value>
        {
            ["Raw"] = S(Convert.ToBase64String(c.RawData)),
            ["Version"] = N(c.Version),
            ["SerialNumber"] = NumberValue.Of(serial),
            ["Subject"] = Name(c.SubjectName),
            ["Issuer"] = Name(c.IssuerName),
            ["NotBefore"] = S(c.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            ["NotAfter"] = S(c.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            ["DNSNames"] = san is null ? NullValue.Instance : new ArrayValue(san.EnumerateDnsNames().Select(d => (Value)S(d)).ToArray()),
            ["IPAddresses"] = san is null ? NullValue.Instance : new ArrayValue(san.EnumerateIPAddresses().Select(d => (Value)S(d.ToString())).ToArray()),
            ["IsCA"] = B(basic?.CertificateAuthority == true),
            ["BasicConstraintsValid"] = B(basic is not null),
            ["KeyUsage"] = N(usage is null ? 0 : (long)usage.KeyUsages),
            ["SignatureAlgorithm"] = S(c.SignatureAlgorithm.FriendlyName ?? c.SignatureAlgorithm.Value ?? ""),
            ["PublicKeyAlgorithm"] = S(c.PublicKey.Oid.FriendlyName ?? c.PublicKey.Oid.Value ?? ""),
        });
    }

    private static Value Name(X500DistinguishedName dn)
    {
        var fields = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
        string? cn = null;
        string? serial = null;
        var names = new List<Value>();
        foreach (var rdn in dn.EnumerateRelativeDistinguishedNames())
        {
            var oid = rdn.GetSingleElementType().Value ?? "";
            var value = rdn.GetSingleElementValue() ?? "";
            names.Add(ObjFrom(new Dictionary<string, Value>
            {
                ["Type"] = new ArrayValue(oid.Split('.').Select(p => (Value)N(long.Parse(p, System.Globalization.CultureInfo.InvariantCulture))).ToArray()),
                ["Value"] = S(value),
            }));
            var field = oid switch
            {
                "2.5.4.6" => "Country",
                "2.5.4.10" => "Organization",
                "2.5.4.11" => "OrganizationalUnit",
                "2.5.4.7" => "Locality",
                "2.5.4.8" => "Province",
                "2.5.4.9" => "StreetAddress",
                "2.5.4.17" => "PostalCode",
                _ => null,
            };
            if (oid == "2.5.4.3")
            {
                cn = value;
            }
            else if (oid == "2.5.4.5")
            {
                serial = value;
            }
            else if (field is not null)
            {
                if (!fields.TryGetValue(field, out var l))
                {
                    fields[field] = l = [];
                }

                l.Add(S(value));
            }
        }

        var d = new Dictionary<string, Value>
        {
            ["CommonName"] = S(cn ?? ""),
            ["SerialNumber"] = S(serial ?? ""),
            ["Names"] = new ArrayValue(names.ToArray()),
            ["ExtraNames"] = NullValue.Instance,
        };
        foreach (var f in new[] { "Country", "Organization", "OrganizationalUnit", "Locality", "Province", "StreetAddress", "PostalCode" })
        {
            d[f] = fields.TryGetValue(f, out var l) ? new ArrayValue(l.ToArray()) : NullValue.Instance;
        }

        return ObjFrom(d);
    }
}

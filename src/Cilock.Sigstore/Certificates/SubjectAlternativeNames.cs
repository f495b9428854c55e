using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Cilock.Sigstore.Certificates;

/// <summary>Reads the identities Fulcio puts in the SAN: URIs, email addresses and the UTF-8 otherName (username).</summary>
internal static class SubjectAlternativeNames
{
    private const string SanOid = "2.5.29.17";

    public static IReadOnlyList<string> Read(X509Certificate2 certificate)
    {
        var result = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SanOid)
            {
                continue;
            }

            try
            {
                var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                while (names.HasData)
                {
                    var tag = names.PeekTag();
                    if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 1 or 6 && !tag.IsConstructed)
                    {
                        result.Add(Encoding.ASCII.GetString(names.ReadOctetString(tag)));
                    }
                    else if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 0)
                    {
                        // otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } (Fulcio: UTF8String username)
                        var other = names.ReadSequence(tag);
                        other.ReadObjectIdentifier();
                        var value = other.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
                        result.Add(value.ReadCharacterString(UniversalTagNumber.UTF8String));
                    }
                    else
                    {
                        names.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                return [];
            }
        }

        return result;
    }
}

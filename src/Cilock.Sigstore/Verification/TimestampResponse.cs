using System.Formats.Asn1;
using System.Numerics;

namespace Cilock.Sigstore.Verification;

/// <summary>
/// Bundles store RFC 3161 <c>TimeStampResp</c> (status + token, RFC 3161 §2.4.2); the token is what is verified. A bare
/// TimeStampToken (ContentInfo) is accepted too, since some producers store that.
/// </summary>
internal static class TimestampResponse
{
    /// <summary>The TimeStampToken DER, or <c>null</c> with a reason when the response is not granted or malformed.</summary>
    public static byte[]? ExtractToken(byte[] der, out string error)
    {
        error = "";
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            if (sequence.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                return der;
            }

            var status = sequence.ReadSequence();
            var value = status.ReadInteger();
            if (value != BigInteger.Zero && value != BigInteger.One)
            {
                error = $"the timestamp response has status {value} (not granted)";
                return null;
            }

            if (!sequence.HasData)
            {
                error = "the timestamp response carries no token";
                return null;
            }

            var token = sequence.ReadEncodedValue().ToArray();
            sequence.ThrowIfNotEmpty();
            return token;
        }
        catch (AsnContentException e)
        {
            error = $"the timestamp is not an RFC 3161 response: {e.Message}";
            return null;
        }
    }
}

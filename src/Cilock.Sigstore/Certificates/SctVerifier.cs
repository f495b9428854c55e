using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Certificates;

/// <summary>
/// Verifies the embedded signed certificate timestamps (RFC 6962 §3.2–3.3) of a Fulcio certificate against the CT
/// logs of a trusted root: the log signs the precertificate, i.e. the leaf's TBSCertificate without the SCT-list
/// extension, bound to the issuer's key hash.
/// </summary>
internal static class SctVerifier
{
    /// <summary>The embedded SCT list extension (RFC 6962 §3.3).</summary>
    public const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    /// <summary>Counts the SCTs that verify against a known CT log valid at the SCT's time; <paramref name="error"/> explains a zero.</summary>
    public static int CountVerified(X509Certificate2 leaf, X509Certificate2 issuer, TrustedRoot root, out string error)
    {
        error = "";
        var extension = leaf.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == SctListOid);
        if (extension is null)
        {
            error = "the certificate carries no embedded signed certificate timestamps";
            return 0;
        }

        List<Sct> scts;
        byte[] tbs;
        try
        {
            scts = ParseList(new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadOctetString());
            tbs = PrecertificateTbs(leaf.RawData);
        }
        catch (Exception e) when (e is AsnContentException or FormatException or ArgumentOutOfRangeException)
        {
            error = $"the certificate's SCT list is malformed: {e.Message}";
            return 0;
        }

        var issuerKeyHash = SHA256.HashData(issuer.PublicKey.ExportSubjectPublicKeyInfo());
        var verified = 0;
        foreach (var sct in scts)
        {
            var log = root.FindCtlog(sct.LogId);
            if (log is null)
            {
                error = $"SCT from unknown CT log {Convert.ToBase64String(sct.LogId)}";
                continue;
            }

            var time = DateTimeOffset.FromUnixTimeMilliseconds(sct.Timestamp);
            if (log.PublicKey.ValidFor is { } range && !range.Contains(time))
            {
                error = $"SCT time {time:O} is outside the CT log key's validity";
                continue;
            }

            using var key = SigstorePublicKey.FromSpki(log.PublicKey.RawBytes);
            if (key.VerifyData(SignedData(sct, issuerKeyHash, tbs), sct.Signature))
            {
                verified++;
            }
            else
            {
                error = $"the SCT signature of CT log {log.BaseUrl} does not verify";
            }
        }

        return verified;
    }

    private static byte[] SignedData(Sct sct, byte[] issuerKeyHash, byte[] tbs)
    {
        var buffer = new byte[1 + 1 + 8 + 2 + 32 + 3 + tbs.Length + 2 + sct.Extensions.Length];
        var span = buffer.AsSpan();
        span[0] = 0; // sct_version v1
        span[1] = 0; // signature_type certificate_timestamp
        BinaryPrimitives.WriteUInt64BigEndian(span[2..], (ulong)sct.Timestamp);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], 1); // entry_type precert_entry
        issuerKeyHash.CopyTo(span[12..]);
        span[44] = (byte)(tbs.Length >> 16);
        span[45] = (byte)(tbs.Length >> 8);
        span[46] = (byte)tbs.Length;
        tbs.CopyTo(span[47..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(47 + tbs.Length)..], (ushort)sct.Extensions.Length);
        sct.Extensions.CopyTo(span[(49 + tbs.Length)..]);
        return buffer;
    }

    private static List<Sct> ParseList(byte[] tls)
    {
        var total = BinaryPrimitives.ReadUInt16BigEndian(tls);
        if (total != tls.Length - 2)
        {
            throw new FormatException("SCT list length does not match its content");
        }

        var result = new List<Sct>();
        var rest = tls.AsSpan(2);
        while (rest.Length > 0)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(rest);
            var item = rest.Slice(2, length);
            rest = rest[(2 + length)..];
            if (item[0] != 0)
            {
                continue; // Only v1 SCTs exist; a future version is skipped, not trusted.
            }

            var logId = item.Slice(1, 32).ToArray();
            var timestamp = (long)BinaryPrimitives.ReadUInt64BigEndian(item[33..]);
            var extLength = BinaryPrimitives.ReadUInt16BigEndian(item[41..]);
            var extensions = item.Slice(43, extLength).ToArray();
            var sigAt = 43 + extLength + 2; // hash and signature algorithm bytes
            var sigLength = BinaryPrimitives.ReadUInt16BigEndian(item[sigAt..]);
            var signature = item.Slice(sigAt + 2, sigLength).ToArray();
            if (sigAt + 2 + sigLength != item.Length)
            {
                throw new FormatException("SCT has trailing bytes");
            }

            result.Add(new Sct(logId, timestamp, extensions, signature));
        }

        return result;
    }

    /// <summary>The leaf's TBSCertificate re-encoded without the SCT-list extension.</summary>
    private static byte[] PrecertificateTbs(byte[] certificate)
    {
        var tbs = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
            while (tbs.HasData)
            {
                if (!tbs.PeekTag().HasSameClassAndValue(extensionsTag))
                {
                    writer.WriteEncodedValue(tbs.ReadEncodedValue().Span);
                    continue;
                }

                var extensions = tbs.ReadSequence(extensionsTag).ReadSequence();
                using (writer.PushSequence(extensionsTag))
                using (writer.PushSequence())
                {
                    while (extensions.HasData)
                    {
                        var encoded = extensions.ReadEncodedValue();
                        var oid = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                        if (oid != SctListOid)
                        {
                            writer.WriteEncodedValue(encoded.Span);
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    private sealed record Sct(byte[] LogId, long Timestamp, byte[] Extensions, byte[] Signature);
}

using System.Globalization;
using System.Text;

namespace Cilock.Attestation.Dsse;

/// <summary>DSSE pre-authentication encoding (spec dsse-and-keys.md §3): the exact bytes every signature covers.</summary>
public static class Pae
{
    private static readonly byte[] Prefix = "DSSEv1 "u8.ToArray();

    /// <summary>
    /// Returns <c>"DSSEv1" SP len(type) SP type SP len(payload) SP payload</c>, lengths in bytes, decimal, no padding.
    /// </summary>
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var typeLength = Encoding.ASCII.GetBytes(type.Length.ToString(CultureInfo.InvariantCulture));
        var payloadLength = Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture));
        var result = new byte[Prefix.Length + typeLength.Length + 1 + type.Length + 1 + payloadLength.Length + 1 + payload.Length];
        var span = result.AsSpan();
        var at = Append(span, 0, Prefix);
        at = Append(span, at, typeLength);
        span[at++] = (byte)' ';
        at = Append(span, at, type);
        span[at++] = (byte)' ';
        at = Append(span, at, payloadLength);
        span[at++] = (byte)' ';
        Append(span, at, payload);
        return result;
    }

    private static int Append(Span<byte> target, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(target[at..]);
        return at + bytes.Length;
    }
}

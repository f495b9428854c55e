using System.Text;

namespace Cilock.Attestation.Hashing;

/// <summary>Orders strings by their UTF-8 bytes, which is Go's string order (differs from UTF-16 ordinal above U+FFFF).</summary>
internal sealed class Utf8Order : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static Utf8Order Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        // Fast path: without surrogates UTF-16 ordinal order equals UTF-8 byte order.
        if (!HasSurrogate(x) && !HasSurrogate(y))
        {
            return string.CompareOrdinal(x, y);
        }

        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }

    private static bool HasSurrogate(string s)
    {
        foreach (var c in s)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}

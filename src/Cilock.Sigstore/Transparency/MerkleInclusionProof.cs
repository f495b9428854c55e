using System.Security.Cryptography;

namespace Cilock.Sigstore.Transparency;

/// <summary>RFC 6962 / RFC 9162 Merkle tree hashing and inclusion-proof verification (SHA-256).</summary>
internal static class MerkleInclusionProof
{
    /// <summary>The leaf hash: SHA-256(0x00 || leaf).</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> leaf)
    {
        var buffer = new byte[leaf.Length + 1];
        leaf.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    /// <summary>The interior node hash: SHA-256(0x01 || left || right).</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var buffer = new byte[1 + left.Length + right.Length];
        buffer[0] = 1;
        left.CopyTo(buffer.AsSpan(1));
        right.CopyTo(buffer.AsSpan(1 + left.Length));
        return SHA256.HashData(buffer);
    }

    /// <summary>
    /// Recomputes the root from a leaf hash and its audit path (RFC 9162 §2.1.3.2); <c>null</c> when the path has
    /// the wrong length for the index and tree size.
    /// </summary>
    public static byte[]? ComputeRoot(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        if (index < 0 || treeSize <= 0 || index >= treeSize || leafHash.Length != 32)
        {
            return null;
        }

        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p is null || p.Length != 32)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = HashChildren(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    /// <summary>Whether the audit path proves <paramref name="leafHash"/> at <paramref name="index"/> under <paramref name="rootHash"/>.</summary>
    public static bool Verify(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        var computed = ComputeRoot(index, treeSize, leafHash, proof);
        return computed is not null && CryptographicOperations.FixedTimeEquals(computed, rootHash);
    }
}

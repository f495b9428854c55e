using System.Security.Cryptography;
using Cilock.Sigstore.Transparency;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class TransparencyMerkleTests
{
    // The RFC 6962 reference leaves (certificate-transparency test vectors) and their published roots.
    private static readonly byte[][] Leaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    [TestMethod]
    [DataRow(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [DataRow(2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [DataRow(3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77")]
    [DataRow(4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [DataRow(5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4")]
    [DataRow(6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef")]
    [DataRow(7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c")]
    [DataRow(8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public void ComputeRoot_Rfc6962Vectors_EveryLeafProvesThePublishedRoot(int size, string rootHex)
    {
        var root = Convert.FromHexString(rootHex);
        CollectionAssert.AreEqual(root, ReferenceRoot(Leaves[..size]), "reference tree disagrees with the published vector");
        for (var index = 0; index < size; index++)
        {
            var proof = ReferencePath(index, Leaves[..size]);
            Assert.IsTrue(MerkleInclusionProof.Verify(index, size, MerkleInclusionProof.HashLeaf(Leaves[index]), proof, root), $"leaf {index} of {size}");
        }
    }

    [TestMethod]
    public void Verify_TamperedPath_Refused()
    {
        var root = ReferenceRoot(Leaves);
        var leaf = MerkleInclusionProof.HashLeaf(Leaves[5]);
        var proof = ReferencePath(5, Leaves);
        Assert.IsTrue(MerkleInclusionProof.Verify(5, 8, leaf, proof, root));

        var flipped = proof.Select(p => (byte[])p.Clone()).ToList();
        flipped[1][0] ^= 1;
        Assert.IsFalse(MerkleInclusionProof.Verify(5, 8, leaf, flipped, root), "bit flip in a path hash");
        Assert.IsFalse(MerkleInclusionProof.Verify(4, 8, leaf, proof, root), "wrong index");
        Assert.IsFalse(MerkleInclusionProof.Verify(5, 6, leaf, proof, root), "wrong tree size (path length no longer fits)");
        Assert.IsFalse(MerkleInclusionProof.Verify(5, 8, leaf, proof[..2], root), "path too short");
        Assert.IsFalse(MerkleInclusionProof.Verify(5, 8, leaf, [.. proof, proof[0]], root), "path too long");
        Assert.IsFalse(MerkleInclusionProof.Verify(8, 8, leaf, proof, root), "index beyond the tree");
        Assert.IsFalse(MerkleInclusionProof.Verify(5, 8, MerkleInclusionProof.HashLeaf(Leaves[4]), proof, root), "another leaf");
    }

    [TestMethod]
    public void HashLeaf_UsesDomainSeparation()
    {
        CollectionAssert.AreEqual(SHA256.HashData([0x00, 0x61]), MerkleInclusionProof.HashLeaf([0x61]));
        CollectionAssert.AreEqual(SHA256.HashData([0x01, 0x61, 0x62]), MerkleInclusionProof.HashChildren([0x61], [0x62]));
    }

    // RFC 6962 §2.1 MTH and §2.1.1 PATH, written recursively as the RFC states them (independent of the verifier).
    private static byte[] ReferenceRoot(byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return MerkleInclusionProof.HashLeaf(leaves[0]);
        }

        var k = LargestPowerOfTwoBelow(leaves.Length);
        return MerkleInclusionProof.HashChildren(ReferenceRoot(leaves[..k]), ReferenceRoot(leaves[k..]));
    }

    private static List<byte[]> ReferencePath(int m, byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(leaves.Length);
        return m < k
            ? [.. ReferencePath(m, leaves[..k]), ReferenceRoot(leaves[k..])]
            : [.. ReferencePath(m - k, leaves[k..]), ReferenceRoot(leaves[..k])];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}

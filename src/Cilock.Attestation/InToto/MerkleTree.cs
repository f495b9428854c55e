using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Hashing;

namespace Cilock.Attestation.InToto;

/// <summary>
/// RFC 6962 Merkle trees over file digests, as used by material/product v0.3 (spec attestors.md §2.3): leaf
/// construction for writing (content-only) and detection + rebuild of both constructions for reading.
/// </summary>
public static class MerkleTree
{
    /// <summary>The largest number of leaves a tree may have (2^20).</summary>
    public const int MaxLeaves = 1 << 20;

    /// <summary>The root of an empty tree: SHA-256 of nothing.</summary>
    public const string EmptyRoot = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The RFC 6962 Merkle Tree Hash over <paramref name="leafHashes"/> (each is the leaf <em>input</em> dᵢ).</summary>
    public static byte[] ComputeRoot(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (leafHashes.Count == 0)
        {
            return SHA256.HashData([]);
        }

        // Bottom-up: hash leaves, then combine pairs; an odd last node is promoted unchanged, which yields exactly
        // the RFC 6962 split at the largest power of two below n.
        var level = new List<byte[]>(leafHashes.Count);
        foreach (var leaf in leafHashes)
        {
            var input = new byte[leaf.Length + 1];
            leaf.CopyTo(input, 1);
            level.Add(SHA256.HashData(input));
        }

        var node = new byte[65];
        node[0] = 0x01;
        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i + 1 < level.Count; i += 2)
            {
                level[i].CopyTo(node, 1);
                level[i + 1].CopyTo(node, 33);
                next.Add(SHA256.HashData(node));
            }

            if (level.Count % 2 == 1)
            {
                next.Add(level[^1]);
            }

            level = next;
        }

        return level[0];
    }

    /// <summary>The leaf hash of one file under <paramref name="construction"/> (hex).</summary>
    /// <exception cref="FormatException">When <paramref name="fileDigest"/> is not 64 lowercase hex.</exception>
    public static string LeafHash(string path, string fileDigest, MerkleConstruction construction) =>
        Convert.ToHexStringLower(LeafHashBytes(path, fileDigest, construction));

    /// <summary>
    /// Builds the leaves for <paramref name="files"/> (relative path → sha256 hex) in <paramref name="construction"/>
    /// order; content-only collapses equal digests to the smallest path. Paths are normalized to forward slashes.
    /// </summary>
    /// <exception cref="ArgumentException">For duplicate paths or more than <see cref="MaxLeaves"/> leaves.</exception>
    public static IReadOnlyList<MerkleLeaf> BuildLeaves(
        IEnumerable<KeyValuePair<string, string>> files,
        MerkleConstruction construction = MerkleConstruction.ContentOnly,
        Func<string, string?>? kind = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var pairs = new List<(string Path, string Digest)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rawPath, digest) in files)
        {
            var path = rawPath.Replace('\\', '/');
            if (!seen.Add(path))
            {
                throw new ArgumentException($"duplicate leaf path '{path}'", nameof(files));
            }

            pairs.Add((path, digest));
        }

        IEnumerable<(string Path, string Digest)> ordered;
        if (construction == MerkleConstruction.ContentOnly)
        {
            ordered = pairs
                .OrderBy(p => p.Digest, StringComparer.Ordinal)
                .ThenBy(p => p.Path, Utf8Order.Instance)
                .GroupBy(p => p.Digest, StringComparer.Ordinal)
                .Select(g => g.First());
        }
        else
        {
            ordered = pairs.OrderBy(p => p.Path, Utf8Order.Instance);
        }

        var leaves = ordered.Select(p => new MerkleLeaf(p.Path, p.Digest, LeafHash(p.Path, p.Digest, construction), kind?.Invoke(p.Path))).ToList();
        if (leaves.Count > MaxLeaves)
        {
            throw new ArgumentException($"a tree may hold at most {MaxLeaves} leaves, got {leaves.Count}", nameof(files));
        }

        return leaves;
    }

    /// <summary>The hex root over already-built leaves (their <see cref="MerkleLeaf.LeafHash"/> values).</summary>
    public static string RootOf(IReadOnlyList<MerkleLeaf> leaves) =>
        Convert.ToHexStringLower(ComputeRoot([.. leaves.Select(l => Convert.FromHexString(l.LeafHash))]));

    /// <summary>
    /// Verifies a v0.3 tree: recognizes the leaf construction from the <c>leafHash</c> values (content-only when
    /// they are absent or ambiguous), rebuilds the leaves from the <c>(path, fileDigest)</c> pairs with that
    /// construction and requires <c>treeSize</c> = leaf count and the rebuilt root = <c>merkleRoot</c>.
    /// </summary>
    /// <param name="tree">The decoded predicate.</param>
    /// <param name="required">Accept only this construction (e.g. content-only to reproduce cilock HEAD).</param>
    public static MerkleVerification Verify(MerkleTreePredicate tree, MerkleConstruction? required = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (!string.IsNullOrEmpty(tree.HashAlgorithm) && tree.HashAlgorithm != "sha256")
        {
            return new(false, null, $"unsupported hashAlgorithm '{tree.HashAlgorithm}'");
        }

        if (!string.IsNullOrEmpty(tree.Construction) && tree.Construction != "RFC6962")
        {
            return new(false, null, $"unsupported construction '{tree.Construction}'");
        }

        if (tree.Leaves is null)
        {
            return new(true, null, null, IsLeafLess: true);
        }

        var leaves = tree.Leaves;
        if (leaves.Count > MaxLeaves)
        {
            return new(false, null, $"the tree has {leaves.Count} leaves; at most {MaxLeaves} are allowed");
        }

        if (tree.TreeSize != leaves.Count)
        {
            return new(false, null, $"treeSize {tree.TreeSize} does not equal the {leaves.Count} leaves");
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            if (!IsSha256Hex(leaf.FileDigest))
            {
                return new(false, null, $"leaf '{leaf.Path}' has a malformed fileDigest");
            }

            if (!paths.Add(leaf.Path.Replace('\\', '/')))
            {
                return new(false, null, $"duplicate leaf path '{leaf.Path}'");
            }
        }

        var construction = Detect(leaves);
        if (required is not null && construction != required)
        {
            return new(false, construction, $"the leaves use the {construction} construction but {required} is required");
        }

        var rebuilt = BuildLeaves(leaves.Select(l => new KeyValuePair<string, string>(l.Path, l.FileDigest)), construction);
        if (rebuilt.Count != leaves.Count)
        {
            return new(false, construction, $"the leaves hold duplicate digests that the {construction} construction collapses");
        }

        var root = RootOf(rebuilt);
        return root == tree.MerkleRoot
            ? new(true, construction, null)
            : new(false, construction, $"merkleRoot {tree.MerkleRoot} does not match the root {root} rebuilt from the leaves");
    }

    private static MerkleConstruction Detect(IReadOnlyList<MerkleLeaf> leaves)
    {
        if (leaves.Count > 0 && leaves.All(l => l.LeafHash == LeafHash(l.Path, l.FileDigest, MerkleConstruction.PathBound)))
        {
            return MerkleConstruction.PathBound;
        }

        return MerkleConstruction.ContentOnly;
    }

    private static byte[] LeafHashBytes(string path, string fileDigest, MerkleConstruction construction)
    {
        if (!IsSha256Hex(fileDigest))
        {
            throw new FormatException($"fileDigest of '{path}' must be 64 lowercase hex characters");
        }

        var digest = Convert.FromHexString(fileDigest);
        if (construction == MerkleConstruction.ContentOnly)
        {
            return SHA256.HashData(digest);
        }

        var pathBytes = Encoding.UTF8.GetBytes(path.Replace('\\', '/'));
        var input = new byte[pathBytes.Length + 1 + digest.Length];
        pathBytes.CopyTo(input, 0);
        digest.CopyTo(input, pathBytes.Length + 1);
        return SHA256.HashData(input);
    }

    private static bool IsSha256Hex(string s) =>
        s.Length == 64 && s.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

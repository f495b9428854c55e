using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Cilock.Policy.Verification;

/// <summary>
/// Checks the inline leaves of a material/product v0.3 attestation (spec attestors.md §2.3): detects the
/// content-only or path-bound construction from the <c>leafHash</c> values, rebuilds the RFC 6962 root and
/// compares it with <c>merkleRoot</c> and <c>treeSize</c>.
/// </summary>
internal sealed class InlineLeaves
{
    private const int MaxLeaves = 1 << 20;

    private InlineLeaves() { }

    /// <summary>The recorded root (lowercase hex), or empty.</summary>
    public string MerkleRoot { get; private init; } = "";

    /// <summary>The recorded <c>treeSize</c>, or -1.</summary>
    public long TreeSize { get; private init; } = -1;

    /// <summary>Whether the attestation carries a <c>leaves</c> member (leaf-less trees cannot satisfy artifactsFrom).</summary>
    public bool HasLeaves { get; private init; }

    /// <summary>path → sha256 hex of the listed leaves.</summary>
    public IReadOnlyList<(string Path, string Digest)> Leaves { get; private init; } = [];

    /// <summary>Why the leaves do not rebuild the root, or <c>null</c> when they do (or there are none).</summary>
    public string? Error { get; private init; }

    /// <summary><c>content-only</c> or <c>path-bound</c> when rebuilt.</summary>
    public string? Construction { get; private init; }

    private static bool HasParentSegment(string path) =>
        path.Split('/', '\\').Any(segment => segment == "..");

    public static InlineLeaves Read(JsonNode? attestation, V03LeafMode mode)
    {
        var root = (Get(attestation, "merkleRoot") as JsonValue)?.TryGetValue<string>(out var r) == true ? r : "";
        var size = Get(attestation, "treeSize") is JsonValue tsv && tsv.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && long.TryParse(tsv.ToJsonString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sz) ? sz : -1;
        var leavesNode = Get(attestation, "leaves");
        if (leavesNode is null)
        {
            return new InlineLeaves { MerkleRoot = root, TreeSize = size };
        }

        if (leavesNode is not JsonArray array)
        {
            return new InlineLeaves { MerkleRoot = root, TreeSize = size, HasLeaves = true, Error = "'leaves' is not an array" };
        }

        if (array.Count > MaxLeaves)
        {
            return new InlineLeaves { MerkleRoot = root, TreeSize = size, HasLeaves = true, Error = $"more than {MaxLeaves} leaves" };
        }

        var leaves = new List<(string Path, string Digest, string? LeafHash)>();
        foreach (var item in array)
        {
            var path = Str(item, "path");
            var digest = Str(item, "fileDigest");
            if (path is null || digest is null || digest.Length != 64 || !digest.All(char.IsAsciiHexDigitLower))
            {
                return new InlineLeaves { MerkleRoot = root, TreeSize = size, HasLeaves = true, Error = "a leaf lacks a path or a 64-hex sha256 fileDigest" };
            }

            // Recorders name files relative to the working directory, by an absolute path or by a named root
            // (nuget:, sdk:); a '..' segment never comes from them and would let a leaf point outside the tree.
            if (HasParentSegment(path))
            {
                return new InlineLeaves { MerkleRoot = root, TreeSize = size, HasLeaves = true, Error = $"leaf path '{path}' climbs out of the working directory ('..' segment)" };
            }

            leaves.Add((path, digest, Str(item, "leafHash")));
        }

        var pairs = leaves.Select(l => (l.Path, l.Digest)).ToList();
        if (pairs.Select(p => p.Path).Distinct(StringComparer.Ordinal).Count() != pairs.Count)
        {
            return new InlineLeaves { MerkleRoot = root, TreeSize = size, HasLeaves = true, Leaves = pairs, Error = "duplicate leaf paths" };
        }

        var treeSize = size;
        var detected = Detect(leaves);
        var tries = mode == V03LeafMode.ContentOnly ? ["content-only"]
            : detected is not null ? [detected]
            : new[] { "content-only", "path-bound" };
        foreach (var construction in tries)
        {
            var hashes = construction == "content-only" ? ContentOnlyLeafHashes(pairs) : PathBoundLeafHashes(pairs);
            if (Convert.ToHexStringLower(RootOf(hashes)) == root && treeSize == hashes.Count)
            {
                return new InlineLeaves { MerkleRoot = root, TreeSize = size, HasLeaves = true, Leaves = pairs, Construction = construction };
            }
        }

        var why = mode == V03LeafMode.ContentOnly && detected == "path-bound"
            ? "the leaves use the path-bound construction, refused by --v03-leaves=content-only"
            : $"the {pairs.Count} inline leaves do not rebuild merkleRoot {root} (treeSize {treeSize})";
        return new InlineLeaves { MerkleRoot = root, TreeSize = size, HasLeaves = true, Leaves = pairs, Error = why };
    }

    /// <summary>The root of a content-only tree holding one file with this sha256 (the inclusion bridge, policy.md §4 step 2a).</summary>
    public static string SingleLeafRoot(string sha256Hex) =>
        Convert.ToHexStringLower(RootOf([SHA256.HashData(Convert.FromHexString(sha256Hex))]));

    /// <summary>
    /// RFC 9162 §2.1.3.2 inclusion check: does <paramref name="leafHash"/> (the leaf's input, hashed again with the
    /// 0x00 prefix) at <paramref name="index"/> of a tree of <paramref name="size"/> leaves rebuild <paramref name="root"/>?
    /// </summary>
    public static bool VerifyInclusion(byte[] leafHash, long index, long size, IReadOnlyList<byte[]> auditPath, byte[] root)
    {
        if (index < 0 || index >= size)
        {
            return false;
        }

        long fn = index, sn = size - 1;
        var r = SHA256.HashData([0x00, .. leafHash]);
        foreach (var p in auditPath)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = SHA256.HashData([0x01, .. p, .. r]);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = SHA256.HashData([0x01, .. r, .. p]);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>The content-only and path-bound leaf inputs for a file (either may have been used by the producer).</summary>
    public static IEnumerable<byte[]> CandidateLeafHashes(string path, string digestHex)
    {
        yield return SHA256.HashData(Convert.FromHexString(digestHex));
        yield return PathBound(path, digestHex);
    }

    internal static byte[] RootOf(IReadOnlyList<byte[]> leafHashes)
    {
        if (leafHashes.Count == 0)
        {
            return SHA256.HashData([]);
        }

        return Mth(leafHashes, 0, leafHashes.Count);
    }

    private static byte[] Mth(IReadOnlyList<byte[]> d, int start, int count)
    {
        if (count == 1)
        {
            return SHA256.HashData([0x00, .. d[start]]);
        }

        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. Mth(d, start, k), .. Mth(d, start + k, count - k)]);
    }

    private static List<byte[]> ContentOnlyLeafHashes(List<(string Path, string Digest)> pairs) =>
    [
        .. pairs.OrderBy(p => p.Digest, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal)
            .DistinctBy(p => p.Digest)
            .Select(p => SHA256.HashData(Convert.FromHexString(p.Digest))),
    ];

    private static List<byte[]> PathBoundLeafHashes(List<(string Path, string Digest)> pairs) =>
        [.. pairs.OrderBy(p => p.Path, StringComparer.Ordinal).Select(p => PathBound(p.Path, p.Digest))];

    private static byte[] PathBound(string path, string digest) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes(path), 0x00, .. Convert.FromHexString(digest)]);

    private static string? Detect(List<(string Path, string Digest, string? LeafHash)> leaves)
    {
        if (leaves.Count == 0 || leaves.Any(l => l.LeafHash is null))
        {
            return null;
        }

        if (leaves.All(l => l.LeafHash == Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(l.Digest)))))
        {
            return "content-only";
        }

        return leaves.All(l => l.LeafHash == Convert.ToHexStringLower(PathBound(l.Path, l.Digest))) ? "path-bound" : null;
    }

    private static JsonNode? Get(JsonNode? node, string name)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        JsonNode? found = null;
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                found = value;
            }
        }

        return found;
    }

    private static string? Str(JsonNode? node, string name) =>
        Get(node, name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

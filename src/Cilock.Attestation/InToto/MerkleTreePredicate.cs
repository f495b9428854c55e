using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.InToto;

/// <summary>The v0.3 material/product predicate: <c>{merkleRoot, treeSize, hashAlgorithm, construction, leaves?}</c>.</summary>
/// <param name="MerkleRoot">Hex root.</param>
/// <param name="TreeSize">Number of leaves.</param>
/// <param name="HashAlgorithm"><c>sha256</c>.</param>
/// <param name="Construction"><c>RFC6962</c>.</param>
/// <param name="Leaves">The inline leaves, or <c>null</c> for a leaf-less attestation.</param>
public sealed record MerkleTreePredicate(string MerkleRoot, long TreeSize, string HashAlgorithm, string Construction, IReadOnlyList<MerkleLeaf>? Leaves)
{
    /// <summary>Builds a content-only tree over relative path → sha256 hex pairs.</summary>
    public static MerkleTreePredicate Create(IEnumerable<KeyValuePair<string, string>> files, Func<string, string?>? kind = null)
    {
        var leaves = MerkleTree.BuildLeaves(files, MerkleConstruction.ContentOnly, kind);
        return new MerkleTreePredicate(MerkleTree.RootOf(leaves), leaves.Count, "sha256", "RFC6962", leaves);
    }

    /// <summary>The JSON object; <paramref name="writeEmptyLeaves"/> writes <c>leaves: []</c> for an empty tree (material) instead of omitting it (product).</summary>
    public JsonObject ToJson(bool writeEmptyLeaves)
    {
        var result = new JsonObject
        {
            ["merkleRoot"] = MerkleRoot,
            ["treeSize"] = TreeSize,
            ["hashAlgorithm"] = HashAlgorithm,
            ["construction"] = Construction,
        };
        if (Leaves is not null && (Leaves.Count > 0 || writeEmptyLeaves))
        {
            var leaves = new JsonArray();
            foreach (var leaf in Leaves)
            {
                var o = new JsonObject { ["path"] = leaf.Path, ["fileDigest"] = leaf.FileDigest, ["leafHash"] = leaf.LeafHash };
                if (leaf.Kind is not null)
                {
                    o["kind"] = leaf.Kind;
                }

                leaves.Add(o);
            }

            result["leaves"] = leaves;
        }

        return result;
    }

    /// <summary>Decodes a v0.3 predicate (Go tolerance: case-insensitive members, null = empty).</summary>
    /// <exception cref="JsonException">When a member has the wrong type.</exception>
    public static MerkleTreePredicate FromJson(JsonNode? node)
    {
        List<MerkleLeaf>? leaves = null;
        switch (GoJson.Get(node, "leaves"))
        {
            case null:
                break;
            case JsonArray array:
                leaves = [];
                foreach (var leaf in array)
                {
                    var kind = GoJson.GetString(leaf, "kind");
                    leaves.Add(new MerkleLeaf(
                        GoJson.GetString(leaf, "path"),
                        GoJson.GetString(leaf, "fileDigest"),
                        GoJson.GetString(leaf, "leafHash"),
                        kind.Length == 0 ? null : kind));
                }

                break;
            default:
                throw new JsonException("'leaves' must be an array");
        }

        return new MerkleTreePredicate(
            GoJson.GetString(node, "merkleRoot"),
            GoJson.GetInt64(node, "treeSize"),
            GoJson.GetString(node, "hashAlgorithm"),
            GoJson.GetString(node, "construction"),
            leaves);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors.Material;

/// <summary>A decoded material attestation, v0.1 (flat map) or v0.3 (Merkle tree with inline leaves).</summary>
/// <param name="Files">Path → digest set (v0.3: from the leaves, sha256 only; empty for a leaf-less tree).</param>
/// <param name="Tree">The v0.3 tree, or <c>null</c> for v0.1.</param>
public sealed record MaterialPredicate(IReadOnlyDictionary<string, DigestSet> Files, MerkleTreePredicate? Tree)
{
    /// <summary>Decodes a material attestation of type <paramref name="type"/> (aliases resolved).</summary>
    /// <exception cref="JsonException">When the shape is wrong.</exception>
    public static MaterialPredicate FromJson(JsonNode? node, string type)
    {
        if (AttestationTypes.Resolve(type) == AttestationTypes.MaterialCilock)
        {
            var tree = MerkleTreePredicate.FromJson(node);
            return new MaterialPredicate(LeafFiles(tree), tree);
        }

        return new MaterialPredicate(ReadFlatMap(node), null);
    }

    /// <summary>The leaves of a v0.3 tree as path → {sha256} (last duplicate wins; verification rejects duplicates).</summary>
    internal static Dictionary<string, DigestSet> LeafFiles(MerkleTreePredicate tree)
    {
        var files = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        foreach (var leaf in tree.Leaves ?? [])
        {
            try
            {
                files[leaf.Path] = DigestSet.FromSha256(leaf.FileDigest);
            }
            catch (Diagnostics.CilockException e)
            {
                throw new JsonException($"leaf '{leaf.Path}': {e.Message}", e);
            }
        }

        return files;
    }

    private static Dictionary<string, DigestSet> ReadFlatMap(JsonNode? node)
    {
        var files = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        if (node is null)
        {
            return files;
        }

        foreach (var (path, digest) in node as JsonObject ?? throw new JsonException("a v0.1 material attestation must be an object"))
        {
            files[path] = CollectionReader.ReadDigestSet(digest, $"material '{path}'");
        }

        return files;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.Material;
using Cilock.Attestation.Collections;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Attestors.Product;

/// <summary>A decoded product attestation: v0.1/v0.2 (path → {mime_type, digest}) or v0.3 (Merkle tree).</summary>
/// <param name="Files">Path → product (v0.3: sha256 from the leaves, empty mime type, the leaf kind).</param>
/// <param name="Tree">The v0.3 tree, or <c>null</c> for v0.1/v0.2.</param>
public sealed record ProductPredicate(IReadOnlyDictionary<string, ProductFile> Files, MerkleTreePredicate? Tree)
{
    /// <summary>Decodes a product attestation of type <paramref name="type"/> (aliases resolved).</summary>
    /// <exception cref="JsonException">When the shape is wrong.</exception>
    public static ProductPredicate FromJson(JsonNode? node, string type)
    {
        if (AttestationTypes.Resolve(type) == AttestationTypes.ProductCilock)
        {
            var tree = MerkleTreePredicate.FromJson(node);
            var digests = MaterialPredicate.LeafFiles(tree);
            var files = new Dictionary<string, ProductFile>(StringComparer.Ordinal);
            foreach (var leaf in tree.Leaves ?? [])
            {
                files[leaf.Path] = new ProductFile(digests[leaf.Path], "", leaf.Kind);
            }

            return new ProductPredicate(files, tree);
        }

        var map = new Dictionary<string, ProductFile>(StringComparer.Ordinal);
        if (node is not null)
        {
            foreach (var (path, product) in node as JsonObject ?? throw new JsonException("a v0.1 product attestation must be an object"))
            {
                map[path] = new ProductFile(
                    CollectionReader.ReadDigestSet(GoJson.Get(product, "digest"), $"product '{path}'"),
                    GoJson.GetString(product, "mime_type"));
            }
        }

        return new ProductPredicate(map, null);
    }
}

using System.Text.Json;
using Cilock.Attestation.Dsse;

namespace Cilock.Operations.Recording;

/// <summary>
/// The sha256 digests of the files a signed collection names as materials and products, read from any dialect
/// (material/product v0.1 maps and v0.3 inline leaves). Used to link the steps that led to a package.
/// </summary>
internal sealed class EnvelopeArtifacts
{
    private EnvelopeArtifacts(string stepName, HashSet<string> materials, HashSet<string> products)
    {
        StepName = stepName;
        Materials = materials;
        Products = products;
    }

    /// <summary>The collection name.</summary>
    public string StepName { get; }

    /// <summary>sha256 hex of every material.</summary>
    public IReadOnlySet<string> Materials { get; }

    /// <summary>sha256 hex of every product.</summary>
    public IReadOnlySet<string> Products { get; }

    /// <summary>Reads the payload of <paramref name="envelope"/>; throws <see cref="JsonException"/> when it is not a collection.</summary>
    public static EnvelopeArtifacts Read(DsseEnvelope envelope)
    {
        using var document = JsonDocument.Parse(envelope.Payload);
        var predicate = document.RootElement.GetProperty("predicate");
        var name = predicate.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        var materials = new HashSet<string>(StringComparer.Ordinal);
        var products = new HashSet<string>(StringComparer.Ordinal);
        if (predicate.TryGetProperty("attestations", out var attestations) && attestations.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in attestations.EnumerateArray())
            {
                var type = entry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                if (!entry.TryGetProperty("attestation", out var body))
                {
                    continue;
                }

                if (type.Contains("/material/", StringComparison.Ordinal))
                {
                    Collect(body, materials, digestMember: null);
                }
                else if (type.Contains("/product/", StringComparison.Ordinal))
                {
                    Collect(body, products, digestMember: "digest");
                }
            }
        }

        return new EnvelopeArtifacts(name, materials, products);
    }

    private static void Collect(JsonElement body, HashSet<string> into, string? digestMember)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // v0.3: {"leaves":[{"path","fileDigest"}]}
        if (body.TryGetProperty("leaves", out var leaves) && leaves.ValueKind == JsonValueKind.Array)
        {
            foreach (var leaf in leaves.EnumerateArray())
            {
                if (leaf.ValueKind == JsonValueKind.Object && leaf.TryGetProperty("fileDigest", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    into.Add(d.GetString()!);
                }
            }

            return;
        }

        // v0.1: {"path": {"sha256": …}} (material) or {"path": {"digest": {"sha256": …}}} (product)
        foreach (var file in body.EnumerateObject())
        {
            var digest = file.Value;
            if (digestMember is not null && digest.ValueKind == JsonValueKind.Object && digest.TryGetProperty(digestMember, out var inner))
            {
                digest = inner;
            }

            if (digest.ValueKind == JsonValueKind.Object && digest.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String)
            {
                into.Add(sha.GetString()!);
            }
        }
    }
}

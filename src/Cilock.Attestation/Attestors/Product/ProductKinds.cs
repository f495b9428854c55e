namespace Cilock.Attestation.Attestors.Product;

/// <summary>The v0.3 leaf <c>kind</c> derived from a product path (spec attestors.md §3.2).</summary>
internal static class ProductKinds
{
    private static readonly (string Suffix, string Kind)[] Suffixes =
    [
        (".slsa-provenance.json", "slsa-provenance"),
        (".intoto.jsonl", "intoto"),
        (".intoto.json", "intoto"),
        (".intoto.dsse", "intoto-dsse"),
        (".dsse", "intoto-dsse"),
        (".spdx.json", "spdx"),
        (".spdx.yaml", "spdx"),
        (".spdx.yml", "spdx"),
        (".cdx.json", "cyclonedx"),
        (".cdx.xml", "cyclonedx"),
        (".sarif.json", "sarif"),
        (".sarif", "sarif"),
        (".vex.json", "vex"),
        (".csaf.json", "vex"),
    ];

    /// <summary>The kind, or <c>null</c> when the path has none.</summary>
    public static string? Of(string path)
    {
        var lower = path.ToLowerInvariant();
        if (lower == "bom.json" || lower.EndsWith("/bom.json", StringComparison.Ordinal))
        {
            return "cyclonedx";
        }

        foreach (var (suffix, kind) in Suffixes)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }
}

using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Policy.Evidence;

namespace Cilock.Policy.Verification;

/// <summary>An envelope with its parsed statement and (for collections) the collection; parsed once per verification.</summary>
internal sealed class LoadedEvidence
{
    private Dictionary<string, DigestSet>? _materials;
    private Dictionary<string, DigestSet>? _products;
    private readonly Dictionary<(CollectionEntry, V03LeafMode), InlineLeaves> _leaves = [];

    private LoadedEvidence(EvidenceEnvelope source, Statement statement, AttestationCollection? collection)
    {
        Source = source;
        Statement = statement;
        Collection = collection;
    }

    public EvidenceEnvelope Source { get; }

    public Statement Statement { get; }

    public AttestationCollection? Collection { get; }

    public string Reference => Source.Reference;

    /// <summary>Parses the payload; returns null (with a diagnostic) when it is not a statement.</summary>
    public static LoadedEvidence? TryLoad(EvidenceEnvelope source, ICollection<Diagnostic> diagnostics)
    {
        try
        {
            var statement = CollectionReader.ReadStatement(source.Envelope.Payload);
            var collection = AttestationTypes.IsCollection(statement.PredicateType) ? CollectionReader.ReadCollection(statement.Predicate) : null;
            return new LoadedEvidence(source, statement, collection);
        }
        catch (CilockException e)
        {
            diagnostics.Add(Diagnostic.Warning(Diagnostics.PolicyDiagnostics.EvidenceUnreadable, $"payload is not a readable in-toto statement, skipped: {e.Code}: {e.Message}", source.Reference));
            return null;
        }
    }

    /// <summary>Entries whose type equals <paramref name="type"/> directly or through the cilock alias table.</summary>
    public IEnumerable<CollectionEntry> EntriesOfType(string type)
    {
        var resolved = AttestationTypes.Resolve(type);
        return Collection?.Entries.Where(e => e.Type == type || e.ResolvedType == resolved) ?? [];
    }

    /// <summary>Material v0.3 and product v0.3 entries (their inline leaves).</summary>
    public IEnumerable<CollectionEntry> TreeEntries() =>
        Collection?.Entries.Where(e => e.ResolvedType is AttestationTypes.MaterialCilock or AttestationTypes.ProductCilock) ?? [];

    /// <summary>The inline leaves of a v0.3 entry, read (and rebuilt) once.</summary>
    public InlineLeaves Leaves(CollectionEntry entry, V03LeafMode mode)
    {
        if (!_leaves.TryGetValue((entry, mode), out var leaves))
        {
            leaves = InlineLeaves.Read(entry.Attestation, mode);
            _leaves[(entry, mode)] = leaves;
        }

        return leaves;
    }

    /// <summary>path → digest of the materials: v0.1 maps and v0.3 inline leaves.</summary>
    public Dictionary<string, DigestSet> Materials(V03LeafMode mode) => _materials ??= ReadArtifacts(material: true, mode);

    /// <summary>path → digest of the products: v0.1/v0.2 maps and v0.3 inline leaves.</summary>
    public Dictionary<string, DigestSet> Products(V03LeafMode mode) => _products ??= ReadArtifacts(material: false, mode);

    /// <summary>Whether this collection records any materials (a map entry or inline material leaves).</summary>
    public bool HasMaterialRecord(V03LeafMode mode) =>
        Materials(mode).Count > 0;

    private Dictionary<string, DigestSet> ReadArtifacts(bool material, V03LeafMode mode)
    {
        var result = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        foreach (var entry in Collection?.Entries ?? [])
        {
            var t = entry.ResolvedType;
            if (material ? t == AttestationTypes.MaterialCilockV01 : t is AttestationTypes.ProductCilockV01 or AttestationTypes.ProductCilockV02)
            {
                if (entry.Attestation is JsonObject map)
                {
                    foreach (var (path, value) in map)
                    {
                        var digest = material ? value : Member(value, "digest");
                        if (TryDigest(digest) is { } set)
                        {
                            result[path] = set;
                        }
                    }
                }
            }
            else if (material ? t == AttestationTypes.MaterialCilock : t == AttestationTypes.ProductCilock)
            {
                var leaves = Leaves(entry, mode);
                foreach (var (path, digest) in leaves.Leaves)
                {
                    result[path] = DigestSet.FromSha256(digest);
                }
            }
        }

        return result;
    }

    private static JsonNode? Member(JsonNode? node, string name)
    {
        JsonNode? found = null;
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    found = value;
                }
            }
        }

        return found;
    }

    private static DigestSet? TryDigest(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        try
        {
            var pairs = obj.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : ""));
            return DigestSet.Create(pairs);
        }
        catch (CilockException)
        {
            // Go rejects the whole envelope for an unknown digest key; here the entry simply cannot match anything.
            return null;
        }
    }
}

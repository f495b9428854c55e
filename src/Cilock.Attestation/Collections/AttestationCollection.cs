using System.Text.Json.Nodes;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Collections;

/// <summary>An attestation collection predicate: the evidence of one step (spec statement-and-collection.md §2).</summary>
public sealed class AttestationCollection
{
    /// <summary>Creates a collection.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="entries">The entries in recorded order.</param>
    /// <param name="backrefs">Recorded backrefs (<c>&lt;type&gt;/&lt;key&gt;</c> → digest), or <c>null</c> when the member is absent.</param>
    public AttestationCollection(string name, IEnumerable<CollectionEntry> entries, IReadOnlyDictionary<string, DigestSet>? backrefs = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(entries);
        Name = name;
        Entries = [.. entries];
        Backrefs = backrefs;
    }

    /// <summary>The step name.</summary>
    public string Name { get; }

    /// <summary>The entries in recorded order (do not depend on it: Go records completion order).</summary>
    public IReadOnlyList<CollectionEntry> Entries { get; }

    /// <summary>The recorded <c>backrefs</c> member (cilock only), or <c>null</c> when absent.</summary>
    public IReadOnlyDictionary<string, DigestSet>? Backrefs { get; }

    /// <summary>The entries whose aliased type equals the aliased <paramref name="type"/>.</summary>
    public IEnumerable<CollectionEntry> OfType(string type)
    {
        var resolved = AttestationTypes.Resolve(type);
        return Entries.Where(e => e.ResolvedType == resolved);
    }

    /// <summary>The predicate JSON: <c>{name, attestations[], backrefs?}</c> (backrefs only when recorded and non-empty).</summary>
    public JsonObject ToJson()
    {
        var attestations = new JsonArray();
        foreach (var entry in Entries)
        {
            attestations.Add(new JsonObject
            {
                ["type"] = entry.Type,
                ["attestation"] = entry.Attestation?.DeepClone(),
                ["starttime"] = Rfc3339.Format(entry.StartTime),
                ["endtime"] = Rfc3339.Format(entry.EndTime),
            });
        }

        var result = new JsonObject { ["name"] = Name, ["attestations"] = attestations };
        if (Backrefs is { Count: > 0 })
        {
            var backrefs = new JsonObject();
            foreach (var (key, digest) in Backrefs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                backrefs[key] = Attestors.FileRecording.DigestNode(digest);
            }

            result["backrefs"] = backrefs;
        }

        return result;
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Evidence;
using Cilock.Policy.Model;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Authoring;

/// <summary>
/// <c>cilock policy new</c>: derives a policy from recorded evidence — one step per collection name, the attestation
/// types every collection of the step carries, functionaries from the given keys that actually signed the step,
/// <c>artifactsFrom</c> where a step's materials equal another step's products, and <c>expires</c> one year ahead.
/// </summary>
public static class PolicyScaffolder
{
    /// <summary>Builds the policy; <paramref name="diagnostics"/> receives skipped evidence and unsigned steps.</summary>
    /// <exception cref="CilockException">CIL3006 without keys; CIL3101 when the evidence holds no collection.</exception>
    public static PolicyDocument Scaffold(
        IReadOnlyList<EvidenceEnvelope> evidence,
        IReadOnlyList<PolicyKey> keys,
        TimeProvider time,
        ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw PolicyKey.NoKey();
        }

        var loaded = evidence.Select(e => LoadedEvidence.TryLoad(e, diagnostics)).Where(l => l?.Collection is not null).Cast<LoadedEvidence>().ToList();
        if (loaded.Count == 0)
        {
            throw new CilockException(PolicyDiagnostics.NoCollections, "the evidence holds no attestation collection to derive steps from");
        }

        var byStep = loaded.GroupBy(l => l.Collection!.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Min(l => l.Collection!.Entries.Select(e => e.StartTime).DefaultIfEmpty().Min()))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var steps = new Dictionary<string, PolicyStep>(StringComparer.Ordinal);
        var usedKeys = new Dictionary<string, PolicyKey>(StringComparer.Ordinal);
        foreach (var group in byStep)
        {
            var types = group.First().Collection!.Entries.Select(e => e.Type).Distinct(StringComparer.Ordinal).ToList();
            foreach (var other in group.Skip(1))
            {
                types = [.. types.Where(t => other.Collection!.Entries.Any(e => e.Type == t))];
            }

            var signers = keys.Where(k => group.Any(l => Signed(l.Source.Envelope, k))).ToList();
            if (signers.Count == 0)
            {
                diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.NotAFunctionary, $"step '{group.Key}': none of the given keys signed its evidence; the step has no functionary and cannot pass until one is added"));
            }

            foreach (var k in signers)
            {
                usedKeys[k.Verifier.KeyId] = k;
            }

            steps[group.Key] = new PolicyStep
            {
                Name = group.Key,
                Functionaries = [.. signers.Select(k => new Functionary { Type = "publickey", PublicKeyId = k.Verifier.KeyId })],
                Attestations = [.. types.Select(t => new AttestationRequirement { Type = t })],
            };
        }

        InferArtifactsFrom(byStep.Select(g => (g.Key, g.ToList())).ToList(), steps);
        return new PolicyDocument
        {
            Expires = time.GetUtcNow().AddYears(1),
            PublicKeys = usedKeys.Values.ToDictionary(k => k.Verifier.KeyId, k => k.ToPolicyEntry(), StringComparer.Ordinal),
            Steps = steps,
        };
    }

    private static bool Signed(DsseEnvelope envelope, PolicyKey key)
    {
        var pae = Pae.Encode(envelope.PayloadType, envelope.Payload);
        return envelope.Signatures.Any(s => key.Verifier.Verify(pae, s.Signature));
    }

    /// <summary>B gets <c>artifactsFrom: [A]</c> when some material of B equals (path and digest) a product of A.</summary>
    private static void InferArtifactsFrom(List<(string Name, List<LoadedEvidence> Items)> ordered, Dictionary<string, PolicyStep> steps)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            var (name, items) = ordered[i];
            var materials = items.SelectMany(l => l.Materials(V03LeafMode.Auto)).ToList();
            if (materials.Count == 0)
            {
                continue;
            }

            var upstream = new List<string>();
            for (var j = 0; j < i; j++)
            {
                var (candidate, upstreamItems) = ordered[j];
                var products = upstreamItems.SelectMany(l => l.Products(V03LeafMode.Auto)).ToList();
                if (materials.Any(m => products.Any(p => p.Key == m.Key && p.Value.Matches(m.Value))))
                {
                    upstream.Add(candidate);
                }
            }

            if (upstream.Count > 0)
            {
                steps[name].ArtifactsFrom = upstream;
            }
        }
    }
}

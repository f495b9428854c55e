using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Policy.Diagnostics;

namespace Cilock.Policy.Verification;

public sealed partial class PolicyVerifier
{
    /// <summary>Policy.md §4 step 5: inline v0.3 leaves must rebuild, then <c>artifactsFrom</c> chaining.</summary>
    private void CheckArtifacts(Run run, Dictionary<string, StepState> steps, IReadOnlyList<string> order)
    {
        var mode = _options.V03Leaves;
        foreach (var name in order)
        {
            var state = steps[name];
            foreach (var item in state.Passed.ToList())
            {
                foreach (var entry in item.TreeEntries())
                {
                    var leaves = item.Leaves(entry, mode);
                    if (leaves.Error is not null)
                    {
                        state.Passed.Remove(item);
                        state.Reject(item, PolicyDiagnostics.MerkleMismatch, $"{entry.Type}: {leaves.Error}");
                        break;
                    }

                    if (leaves.Construction == "path-bound")
                    {
                        var message = $"{item.Reference}: {entry.Type} leaves use the path-bound construction (accepted by --v03-leaves=auto; cilock HEAD rebuilds content-only and would reject them)";
                        if (!run.Diagnostics.Any(d => d.Message == message))
                        {
                            run.Diagnostics.Add(new Diagnostic(PolicyDiagnostics.CompatSwitchUsed, DiagnosticSeverity.Info, message, item.Reference));
                        }
                    }
                }
            }
        }

        foreach (var name in ArtifactOrder(steps, order))
        {
            var state = steps[name];
            var upstreams = state.Step.ArtifactsFrom ?? [];
            if (upstreams.Count == 0 || state.Passed.Count == 0)
            {
                continue;
            }

            foreach (var item in state.Passed.ToList())
            {
                if (ArtifactsFromFailure(run, item, upstreams, steps, mode) is { } failure)
                {
                    state.Passed.Remove(item);
                    state.Reject(item, failure.Code, failure.Message);
                }
            }
        }
    }

    private (string Code, string Message)? ArtifactsFromFailure(Run run, LoadedEvidence item, List<string> upstreams, Dictionary<string, StepState> steps, V03LeafMode mode)
    {
        var materials = item.Materials(mode);
        foreach (var up in upstreams)
        {
            if (!steps.TryGetValue(up, out var upstream) || upstream.Passed.Count == 0)
            {
                return (PolicyDiagnostics.UpstreamMissing, $"artifactsFrom step '{up}' has no passed collections");
            }

            if (materials.Count == 0)
            {
                return (PolicyDiagnostics.NoArtifactOverlap, $"the collection records no materials (no material map and no inline material leaves), so it cannot satisfy artifactsFrom '{up}'");
            }

            (string Code, string Message)? last = null;
            var accepted = false;
            foreach (var u in upstream.Passed)
            {
                var artifacts = new Dictionary<string, DigestSet>(u.Materials(mode), StringComparer.Ordinal);
                foreach (var (path, digest) in u.Products(mode))
                {
                    artifacts[path] = digest;
                }

                last = Compare(run, materials, artifacts, up, u);
                if (last is null)
                {
                    accepted = true;
                    break;
                }
            }

            if (!accepted)
            {
                return last;
            }
        }

        return null;
    }

    private (string Code, string Message)? Compare(Run run, Dictionary<string, DigestSet> materials, Dictionary<string, DigestSet> artifacts, string up, LoadedEvidence upstream)
    {
        var shared = materials.Keys.Where(artifacts.ContainsKey).Order(StringComparer.Ordinal).ToList();
        var differing = shared.Where(p => !materials[p].Matches(artifacts[p], _options.DigestEquality)).ToList();
        if (differing.Count > 0)
        {
            var detail = string.Join("; ", differing.Take(5).Select(p => $"{p}: material {{{materials[p]}}} vs '{up}' artifact {{{artifacts[p]}}}"));
            var more = differing.Count > 5 ? $" (and {differing.Count - 5} more)" : string.Empty;
            return (PolicyDiagnostics.ArtifactMismatch, $"materials disagree with the artifacts of step '{up}' ({upstream.Reference}): {detail}{more}");
        }

        if (shared.Count == 0)
        {
            if (_options.DigestEquality == DigestEquality.Strict)
            {
                return (PolicyDiagnostics.NoArtifactOverlap, $"the materials share no path with the artifacts of step '{up}' ({upstream.Reference}); paths are compared as raw keys");
            }

            run.Note($"artifactsFrom '{up}' passed with zero shared paths (--digest-equality=lenient; strict would fail)");
        }

        if (_options.DigestEquality == DigestEquality.Lenient && shared.Any(p => !materials[p].Matches(artifacts[p], DigestEquality.Strict)))
        {
            run.Note($"artifactsFrom '{up}' passed only with lenient digest equality (--digest-equality=lenient)");
        }

        return null;
    }

    /// <summary>Steps ordered so that every <c>artifactsFrom</c> upstream is settled before its consumers.</summary>
    private static List<string> ArtifactOrder(Dictionary<string, StepState> steps, IReadOnlyList<string> order)
    {
        var result = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var remaining = order.ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(s => (steps[s].Step.ArtifactsFrom ?? []).All(u => done.Contains(u) || !steps.ContainsKey(u) || u == s))
                ?? remaining[0];
            result.Add(next);
            done.Add(next);
            remaining.Remove(next);
        }

        return result;
    }
}

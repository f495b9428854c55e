using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Evidence;
using Cilock.Policy.Loading;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

/// <summary>
/// Verifies evidence against a <see cref="VerifiedPolicy"/> with the algorithm of spec policy.md §4: inclusion
/// bridge, externals, a depth-limited search per step (name + matchable subject digest), DSSE verification against
/// every trusted key/root, functionaries and certificate constraints, timestamp constraints, required attestations
/// with Rego, backref expansion, then <c>artifactsFrom</c> with inline-leaf checks and the pass criteria.
/// </summary>
public sealed partial class PolicyVerifier
{
    /// <summary>cilock's inclusion-proof predicate (policy.md §4 step 2c).</summary>
    public const string InclusionProofType = "https://aflock.ai/attestations/inclusion-proof/v0.1";

    private readonly VerifiedPolicy _policy;
    private readonly PolicyVerificationOptions _options;
    private readonly PolicyTrust _trust;
    private readonly RegoGate _rego;
    private readonly IEnvelopeVerifier _envelopes;

    /// <summary>Builds the verifiers of the policy's keys, roots and TSAs.</summary>
    /// <exception cref="CilockException">CIL3006/CIL3010 for bad trust material in the policy.</exception>
    public PolicyVerifier(VerifiedPolicy policy, PolicyVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _options = options ?? new PolicyVerificationOptions();
        _trust = PolicyTrust.Build(policy.Document, _options);
        _envelopes = new PolicyEnvelopeVerifier(_trust, _options);
        _rego = new RegoGate(_options);
    }

    internal PolicyVerifier(VerifiedPolicy policy, PolicyVerificationOptions options, IEnvelopeVerifier envelopes)
    {
        _policy = policy;
        _options = options;
        _trust = PolicyTrust.Build(policy.Document, options);
        _envelopes = envelopes;
        _rego = new RegoGate(options);
    }

    /// <summary>Loads the evidence from <paramref name="source"/> and verifies it.</summary>
    public PolicyVerificationResult Verify(IEvidenceSource source, VerificationSubjects subjects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new List<Diagnostic>();
        var envelopes = source.Load(diagnostics, cancellationToken);
        return Verify(envelopes, subjects, diagnostics, cancellationToken);
    }

    /// <summary>Verifies already loaded envelopes.</summary>
    public PolicyVerificationResult Verify(IReadOnlyList<EvidenceEnvelope> evidence, VerificationSubjects subjects, CancellationToken cancellationToken = default) =>
        Verify(evidence, subjects, [], cancellationToken);

    private PolicyVerificationResult Verify(IReadOnlyList<EvidenceEnvelope> evidence, VerificationSubjects subjects, List<Diagnostic> diagnostics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(subjects);
        diagnostics.AddRange(_policy.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Error));
        diagnostics.AddRange(_trust.Diagnostics);
        var run = new Run(this, diagnostics, ct);
        var loaded = evidence.Select(e => LoadedEvidence.TryLoad(e, diagnostics)).OfType<LoadedEvidence>().ToList();
        var initial = NormalizeSubjects(subjects);
        if (initial.Count == 0)
        {
            throw new CilockException(PolicyDiagnostics.VerifyInputInvalid, "no subject to verify: give an artifact file or at least one subject digest");
        }

        run.Search.UnionWith(initial);
        run.Initial.UnionWith(initial);
        // The bridge runs for the artifact file and, as an extension of cilock, for every sha256 subject digest:
        // both name file content, and v0.3 evidence is otherwise unreachable from a digest.
        run.Artifact = subjects.ArtifactSha256?.ToLowerInvariant();
        foreach (var digest in initial.Where(d => d.Length == 64).Order(StringComparer.Ordinal).ToList())
        {
            run.Artifact ??= digest;
            AddInclusionBridge(run, loaded, digest);
        }

        var externals = VerifyExternals(run, loaded);
        var order = PolicyValidator.EvaluationOrder(_policy.Document);
        var steps = order.ToDictionary(s => s, s => new StepState(s, _policy.Document.Steps![s]), StringComparer.Ordinal);
        var maxDepth = Math.Max(1, _options.SearchDepth);
        for (var depth = 0; depth < maxDepth; depth++)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in order)
            {
                ct.ThrowIfCancellationRequested();
                var state = steps[name];
                var candidates = Search(run, loaded, state).ToList();
                candidates.AddRange(state.Pending);
                state.Pending.Clear();

                // A cross-step Rego input needs its upstream steps: while one has not passed yet and deeper searches
                // remain, only check the signers and follow the backrefs; evaluate fully once upstream is settled.
                var defer = depth < maxDepth - 1 && HasPendingUpstream(state, steps);
                foreach (var candidate in candidates)
                {
                    if (defer)
                    {
                        CheckSigners(run, candidate, state.Step.Functionaries, out var failure);
                        if (failure is { } f)
                        {
                            state.Reject(candidate, f.Code, f.Message);
                            continue;
                        }

                        state.Pending.Add(candidate);
                    }
                    else if (!EvaluateCandidate(run, state, candidate, steps, externals))
                    {
                        continue;
                    }
                    else
                    {
                        state.Passed.Add(candidate);
                    }

                    found.UnionWith(Backrefs(candidate).Where(d => !run.Search.Contains(d)));
                }
            }

            if (found.Count == 0)
            {
                break;
            }

            run.Search.UnionWith(found);
        }

        foreach (var name in order)
        {
            var state = steps[name];
            foreach (var candidate in state.Pending)
            {
                if (EvaluateCandidate(run, state, candidate, steps, externals))
                {
                    state.Passed.Add(candidate);
                }
            }

            state.Pending.Clear();
        }

        CheckArtifacts(run, steps, order);
        return BuildResult(run, steps, order, externals, subjects);
    }

    private static bool HasPendingUpstream(StepState state, Dictionary<string, StepState> steps) =>
        (state.Step.AttestationsFrom ?? []).Any(u => steps.TryGetValue(u, out var up) && up.Passed.Count == 0);

    private static HashSet<string> NormalizeSubjects(VerificationSubjects subjects)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in subjects.Digests)
        {
            var value = raw.Trim();
            if (value.StartsWith("gitoid:", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(value.ToLowerInvariant());
                continue;
            }

            var colon = value.IndexOf(':', StringComparison.Ordinal);
            var hex = (colon >= 0 ? value[(colon + 1)..] : value).ToLowerInvariant();
            if (hex.Length < 32 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigitLower))
            {
                throw new CilockException(PolicyDiagnostics.VerifyInputInvalid, $"subject '{raw}' is not [alg:]hex with an even number (at least 32) of hex digits");
            }

            result.Add(hex);
        }

        if (subjects.ArtifactSha256 is { } artifact)
        {
            if (artifact.Length != 64 || !artifact.All(char.IsAsciiHexDigit))
            {
                throw new CilockException(PolicyDiagnostics.VerifyInputInvalid, "the artifact digest must be 64 hex digits of sha256");
            }

            result.Add(artifact.ToLowerInvariant());
        }

        return result;
    }

    /// <summary>Policy.md §4 step 2: artifact digests reach v0.3 collections through their Merkle roots.</summary>
    private void AddInclusionBridge(Run run, List<LoadedEvidence> loaded, string artifact)
    {
        var single = InlineLeaves.SingleLeafRoot(artifact);
        run.Search.Add(single);
        run.Bridge[single] = "(single-leaf tree)";
        foreach (var item in loaded)
        {
            foreach (var entry in item.TreeEntries())
            {
                var leaves = item.Leaves(entry, _options.V03Leaves);
                if (leaves.Error is null && leaves.MerkleRoot.Length > 0
                    && leaves.Leaves.FirstOrDefault(l => l.Digest == artifact) is { Path: { } path })
                {
                    run.Search.Add(leaves.MerkleRoot);
                    run.Bridge[leaves.MerkleRoot] = path;
                }
            }
        }

        AddInclusionProofs(run, loaded, artifact);
        run.Initial.UnionWith(run.Bridge.Keys);
    }

    /// <summary>Policy.md §4 step 2c: an inclusion-proof statement proves the artifact is a leaf of a loaded v0.3 tree.</summary>
    private void AddInclusionProofs(Run run, List<LoadedEvidence> loaded, string artifact)
    {
        if (!loaded.Any(l => l.Statement.PredicateType == InclusionProofType))
        {
            return;
        }

        var trees = loaded.SelectMany(l => l.TreeEntries().Select(e => l.Leaves(e, _options.V03Leaves)))
            .Where(t => t.MerkleRoot.Length == 64)
            .GroupBy(t => t.MerkleRoot, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var item in loaded.Where(l => l.Statement.PredicateType == InclusionProofType))
        {
            var p = item.Statement.Predicate;
            string? Str(string name) => p?[name] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            var root = Str("treeRoot")?.ToLowerInvariant();
            var path = Str("leafPath") ?? "";
            if (Str("fileDigest")?.ToLowerInvariant() != artifact || root is null || !trees.TryGetValue(root, out var tree)
                || p?["leafIndex"] is not System.Text.Json.Nodes.JsonValue indexNode || !long.TryParse(indexNode.ToJsonString(), out var index)
                || p["auditPath"] is not System.Text.Json.Nodes.JsonArray audit)
            {
                continue;
            }

            try
            {
                var hashes = audit.Select(a => Convert.FromHexString(a!.GetValue<string>())).ToList();
                var proven = InlineLeaves.CandidateLeafHashes(path, artifact)
                    .Any(leaf => InlineLeaves.VerifyInclusion(leaf, index, tree.TreeSize, hashes, Convert.FromHexString(root)));
                if (proven)
                {
                    run.Search.Add(root);
                    run.Bridge[root] = path.Length > 0 ? path : "(inclusion proof)";
                }
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                // A malformed proof proves nothing; the artifact is simply not bridged through it.
            }
        }
    }

    /// <summary>Collections named after the step with a matchable subject digest in the search set, not yet evaluated.</summary>
    private IEnumerable<LoadedEvidence> Search(Run run, List<LoadedEvidence> loaded, StepState state)
    {
        foreach (var item in loaded)
        {
            if (item.Collection is null || state.Evaluated.Contains(item)
                || !string.Equals(item.Collection.Name, state.Step.Name ?? state.Name, StringComparison.Ordinal))
            {
                continue;
            }

            var match = MatchSubject(run, item);
            if (match is null)
            {
                continue;
            }

            state.Evaluated.Add(item);
            if (match.Value.CompatOnly)
            {
                run.Note($"step '{state.Name}': {item.Reference} was found only through a {match.Value.Algorithm} subject digest (--match-all-digest-algorithms)");
            }

            yield return item;
        }
    }

    private (string Algorithm, bool CompatOnly)? MatchSubject(Run run, LoadedEvidence item)
    {
        (string, bool)? compat = null;
        foreach (var subject in item.Statement.Subjects)
        {
            foreach (var (alg, value) in subject.Digest)
            {
                if (!run.Search.Contains(value))
                {
                    continue;
                }

                if (IsMatchable(alg, value))
                {
                    return (alg, false);
                }

                if (_options.MatchAllDigestAlgorithms)
                {
                    compat = (alg, true);
                }
            }
        }

        return compat;
    }

    /// <summary>cilock's searchable digests (statement-and-collection.md §6): sha256 (64 hex), gitoid:sha256, dirHash.</summary>
    internal static bool IsMatchable(string algorithm, string value) => algorithm switch
    {
        DigestSet.Sha256 => value.Length == 64,
        DigestSet.GitoidSha256 or DigestSet.DirHash => value.Length > 0,
        _ => false,
    };

    /// <summary>Backref digests of a passed collection (statement-and-collection.md §3): recorded ones win, else recomputed.</summary>
    private static IEnumerable<string> Backrefs(LoadedEvidence item)
    {
        if (item.Collection?.Backrefs is { } recorded)
        {
            return recorded.Values.SelectMany(d => d.Values);
        }

        var result = new List<string>();
        foreach (var subject in item.Statement.Subjects)
        {
            var name = subject.Name;
            if (name.Contains("/commithash:", StringComparison.Ordinal) || name.Contains("/parenthash:", StringComparison.Ordinal)
                || name.Contains("/pipelineurl:", StringComparison.Ordinal) || name.EndsWith("/tree:materials", StringComparison.Ordinal)
                || name.EndsWith("/tree:products", StringComparison.Ordinal))
            {
                result.AddRange(subject.Digest.Values);
            }
        }

        return result;
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

public sealed partial class PolicyVerifier
{
    /// <summary>Policy.md §4 step 3 (cilock): externals found by predicate type and an initial subject digest.</summary>
    private Dictionary<string, StepState> VerifyExternals(Run run, List<LoadedEvidence> loaded)
    {
        var result = new Dictionary<string, StepState>(StringComparer.Ordinal);
        foreach (var (name, external) in (_policy.Document.ExternalAttestations ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var state = new StepState(name, new PolicyStep { Name = name, Functionaries = external.Functionaries });
            result[name] = state;
            foreach (var item in loaded)
            {
                if (item.Statement.PredicateType != external.PredicateType
                    || !item.Statement.Subjects.Any(s => s.Digest.Any(d => run.Initial.Contains(d.Value) && (IsMatchable(d.Key, d.Value) || _options.MatchAllDigestAlgorithms))))
                {
                    continue;
                }

                state.Evaluated.Add(item);
                CheckSigners(run, item, external.Functionaries, out var failure);
                if (failure is { } f)
                {
                    state.Reject(item, f.Code, f.Message);
                    continue;
                }

                if (external.AiPolicies is { Count: > 0 })
                {
                    state.Reject(item, PolicyDiagnostics.AiPolicyUnsupported, "the external attestation declares AI policies, which cannot be evaluated offline (fail closed)");
                    continue;
                }

                if (external.RegoPolicies is { Count: > 0 } modules)
                {
                    var outcome = _rego.Evaluate(modules, item.Statement.Predicate?.ToJsonString() ?? "null", external.PredicateType!, run.Cancellation);
                    if (outcome.Code is { } code)
                    {
                        state.Reject(item, code, outcome.Message!);
                        continue;
                    }
                }

                state.Passed.Add(item);
            }
        }

        return result;
    }

    private PolicyVerificationResult BuildResult(
        Run run,
        Dictionary<string, StepState> steps,
        IReadOnlyList<string> order,
        Dictionary<string, StepState> externals,
        VerificationSubjects subjects)
    {
        var verdicts = new List<StepVerdict>();
        foreach (var name in order)
        {
            var state = steps[name];
            if (state.Evaluated.Count == 0)
            {
                var what = subjects.ArtifactSha256 is { } a ? $"artifact sha256:{a}" : $"subject(s) {string.Join(", ", subjects.Digests)}";
                state.Reject(null, PolicyDiagnostics.NoCollections, $"no collections found for step (none named '{state.Step.Name ?? name}' with a subject matching {what} or a backref)");
            }

            verdicts.Add(Verdict(state));
        }

        var externalVerdicts = new List<StepVerdict>();
        var externalsOk = true;
        foreach (var (name, state) in externals)
        {
            var external = _policy.Document.ExternalAttestations![name];
            if (state.Evaluated.Count == 0)
            {
                state.Reject(null, PolicyDiagnostics.ExternalFailed, $"no {external.PredicateType} statement about the subjects was found");
            }

            if (state.Passed.Count == 0 && external.IsRequired)
            {
                externalsOk = false;
            }

            externalVerdicts.Add(Verdict(state));
        }

        var diagnostics = run.Diagnostics;
        foreach (var verdict in verdicts.Where(v => !v.Passed).Concat(externalVerdicts.Where(v => !v.Passed && _policy.Document.ExternalAttestations![v.Name].IsRequired)))
        {
            diagnostics.AddRange(verdict.Rejections.Select(r => r.Reason));
        }

        var passed = verdicts.All(v => v.Passed) && externalsOk && verdicts.Count + externalVerdicts.Count > 0;
        var (matchedStep, matchedSubject, observed) = FindMatch(run, steps, order);
        var inputs = steps.Values.Concat(externals.Values)
            .SelectMany(s => s.Evaluated.Select(e => new InputAttestation(e.Reference, e.Source.PayloadSha256, s.Name, s.Passed.Contains(e))))
            .ToList();
        return new PolicyVerificationResult
        {
            Passed = passed,
            Steps = verdicts,
            Externals = externalVerdicts,
            Diagnostics = diagnostics,
            PolicyDigest = _policy.PayloadSha256,
            MatchedStep = matchedStep,
            MatchedSubject = matchedSubject,
            ObservedSubjectName = observed,
            InputAttestations = inputs,
        };
    }

    private static StepVerdict Verdict(StepState state) =>
        new(state.Name, state.Passed.Count > 0, [.. state.Passed.Select(p => p.Reference)], [.. state.Rejections]);

    private static (string?, string?, string?) FindMatch(Run run, Dictionary<string, StepState> steps, IReadOnlyList<string> order)
    {
        foreach (var name in order)
        {
            foreach (var item in steps[name].Passed)
            {
                foreach (var subject in item.Statement.Subjects)
                {
                    foreach (var value in subject.Digest.Values)
                    {
                        if (run.Initial.Contains(value))
                        {
                            // A bridge root stands for the artifact: report the artifact digest and its leaf path.
                            if (run.Bridge.TryGetValue(value, out var leaf))
                            {
                                return (name, run.Artifact, leaf.StartsWith('(') ? subject.Name : leaf);
                            }

                            return (name, value, subject.Name);
                        }
                    }
                }
            }
        }

        return (null, null, null);
    }
}

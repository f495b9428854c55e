using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

public sealed partial class PolicyVerifier
{
    private static readonly string[] KnownForeignTypes =
    [
        "https://spdx.dev/Document", "https://cyclonedx.org/bom", "https://slsa.dev/provenance/", "https://openvex.dev/ns",
        "https://in-toto.io/attestation/", "https://slsa.dev/verification_summary/",
    ];

    /// <summary>Policy.md §4 steps b–d for one candidate; records the rejection reason and returns whether it passed.</summary>
    private bool EvaluateCandidate(Run run, StepState state, LoadedEvidence item, Dictionary<string, StepState> steps, Dictionary<string, StepState> externals)
    {
        var step = state.Step;
        var matching = CheckSigners(run, item, step.Functionaries, out var failure);
        if (failure is { } f)
        {
            state.Reject(item, f.Code, f.Message);
            return false;
        }

        if (step.TimestampConstraint is { } tc && CheckTimestampConstraint(tc, matching) is { } tcWhy)
        {
            state.Reject(item, PolicyDiagnostics.TimestampConstraintFailed, tcWhy);
            return false;
        }

        if (FutureEvidence(item, matching) is { } future)
        {
            state.Reject(item, PolicyDiagnostics.EvidenceFromFuture, future);
            return false;
        }

        var required = step.Attestations ?? [];
        if (required.Count == 0)
        {
            state.Reject(item, PolicyDiagnostics.StepWithoutAttestations, "the step requires no attestations, so nothing can pass it; list the required attestation types");
            return false;
        }

        ReportUnknownTypes(run, item);
        var missing = required.Where(r => !item.EntriesOfType(r.Type!).Any()).Select(r => r.Type).ToList();
        if (missing.Count > 0)
        {
            var present = string.Join(", ", item.Collection!.Entries.Select(e => e.Type).Distinct());
            state.Reject(item, PolicyDiagnostics.MissingAttestation, $"missing required attestation type(s) {string.Join(", ", missing)} (the collection has: {present})");
            return false;
        }

        var ok = true;
        foreach (var requirement in required)
        {
            if (requirement.AiPolicies is { Count: > 0 })
            {
                state.Reject(item, PolicyDiagnostics.AiPolicyUnsupported, $"{requirement.Type} declares AI policies, which cannot be evaluated offline (fail closed)");
                ok = false;
                continue;
            }

            if (requirement.RegoPolicies is not { Count: > 0 } modules)
            {
                continue;
            }

            var cross = step.AttestationsFrom is { Count: > 0 } || step.ExternalFrom is { Count: > 0 };
            foreach (var entry in item.EntriesOfType(requirement.Type!))
            {
                var input = cross ? CrossStepInput(entry, step, steps, externals) : entry.Attestation?.ToJsonString() ?? "null";
                var outcome = _rego.Evaluate(modules, input, requirement.Type!, run.Cancellation);
                if (outcome.Note is { } note)
                {
                    run.Note($"step '{state.Name}': {note}");
                }

                if (outcome.Code is { } code)
                {
                    state.Reject(item, code, outcome.Message!);
                    ok = false;
                }
            }
        }

        return ok;
    }

    /// <summary>DSSE verification + functionary matching; returns the matching signers or the failure.</summary>
    private List<VerifiedSigner> CheckSigners(Run run, LoadedEvidence item, List<Functionary>? functionaries, out (string Code, string Message)? failure)
    {
        failure = null;
        var signature = run.Signature(item);
        if (!signature.IsValid)
        {
            failure = (PolicyDiagnostics.EnvelopeSignatureInvalid, $"no valid signature for the policy's keys and roots ({signature.Failure ?? "no signature verified"})");
            return [];
        }

        if (_options.WitnessTimeFallback && signature.Signers.Any(s => s.Certificate is not null && !s.TimeFromTimestamp))
        {
            run.Note($"{item.Reference}: certificate signature verified at the current time without a timestamp (--witness-time-fallback)");
        }

        var matching = new List<VerifiedSigner>();
        var reasons = new List<string>();
        foreach (var signer in signature.Signers)
        {
            foreach (var functionary in functionaries ?? [])
            {
                if (functionary is null)
                {
                    continue;
                }

                var why = FunctionaryMatcher.Match(signer, functionary, _trust.Roots, _options, out var note);
                if (why is null)
                {
                    matching.Add(signer);
                    if (note is not null)
                    {
                        run.Note($"{item.Reference}: {note}");
                    }

                    break;
                }

                reasons.Add(why);
            }
        }

        if (matching.Count == 0)
        {
            var signers = string.Join(", ", signature.Signers.Select(Describe));
            var detail = reasons.Count == 0 ? "the step lists no functionaries" : string.Join("; ", reasons.Distinct());
            failure = (PolicyDiagnostics.NotAFunctionary, $"signed by {signers}, which is not a functionary of this step ({detail})");
        }

        return matching;
    }

    private static string Describe(VerifiedSigner signer)
    {
        if (signer.Certificate is null)
        {
            return $"key {signer.KeyId}";
        }

        var id = CertificateIdentity.From(signer.Certificate);
        var who = id.Emails.FirstOrDefault() ?? id.Uris.FirstOrDefault() ?? id.CommonName;
        return $"certificate '{who}' (key {signer.KeyId})";
    }

    private string? CheckTimestampConstraint(TimestampConstraint constraint, List<VerifiedSigner> signers)
    {
        var times = signers.Where(s => s.TimeFromTimestamp && s.TrustedTime is not null).Select(s => s.TrustedTime!.Value).ToList();
        if (times.Count == 0)
        {
            return "timestampConstraint needs a TSA-verified signing time, but no matching signer has one";
        }

        var t = times.Min();
        var now = _options.Time.GetUtcNow();
        if (constraint.NotBefore is { } nb && t < nb)
        {
            return $"signed at {t:O}, before timestampConstraint.notBefore {nb:O}";
        }

        if (constraint.NotAfter is { } na && t > na)
        {
            return $"signed at {t:O}, after timestampConstraint.notAfter {na:O}";
        }

        if (GoDuration.TryParse(constraint.MaxAge, out var maxAge))
        {
            if (t > now + TimeSpan.FromMinutes(5))
            {
                return $"signed at {t:O}, more than 5 minutes in the future";
            }

            if (now - t > maxAge)
            {
                return $"signed at {t:O}, older than timestampConstraint.maxAge {constraint.MaxAge}";
            }
        }

        return null;
    }

    private string? FutureEvidence(LoadedEvidence item, List<VerifiedSigner> signers)
    {
        var limit = _options.Time.GetUtcNow() + _options.ClockSkew;
        foreach (var entry in item.Collection?.Entries ?? [])
        {
            var latest = entry.EndTime > entry.StartTime ? entry.EndTime : entry.StartTime;
            if (latest > limit)
            {
                return $"{entry.Type} is dated {latest:O}, in the future beyond the allowed clock skew of {_options.ClockSkew}";
            }
        }

        foreach (var signer in signers.Where(s => s.TimeFromTimestamp && s.TrustedTime > limit))
        {
            return $"the timestamp of {signer.KeyId} is dated {signer.TrustedTime:O}, in the future";
        }

        return null;
    }

    private static void ReportUnknownTypes(Run run, LoadedEvidence item)
    {
        foreach (var entry in item.Collection!.Entries)
        {
            var type = entry.Type;
            var known = AttestationTypes.IsWitnessLoadable(type)
                || type.StartsWith(AttestationTypes.CilockPrefix, StringComparison.Ordinal)
                || KnownForeignTypes.Any(p => type.StartsWith(p, StringComparison.Ordinal));
            if (!known)
            {
                var message = $"{item.Reference}: unknown attestation type {type} kept as raw JSON (not fatal; Witness would reject the envelope)";
                if (!run.Diagnostics.Any(d => d.Message == message))
                {
                    run.Diagnostics.Add(new Diagnostic(PolicyDiagnostics.UnknownAttestationType, DiagnosticSeverity.Info, message, item.Reference));
                }
            }
        }
    }

    /// <summary>The cilock cross-step Rego input (rego-contract.md §2).</summary>
    private static string CrossStepInput(CollectionEntry entry, PolicyStep step, Dictionary<string, StepState> steps, Dictionary<string, StepState> externals)
    {
        var upstream = new JsonObject();
        foreach (var name in step.AttestationsFrom ?? [])
        {
            if (!steps.TryGetValue(name, out var state) || state.Passed.Count == 0)
            {
                continue;
            }

            var types = new JsonObject();
            foreach (var e in state.Passed[0].Collection!.Entries)
            {
                if (!types.ContainsKey(e.Type))
                {
                    types[e.Type] = e.Attestation?.DeepClone();
                }
            }

            upstream[name] = types;
        }

        var input = new JsonObject { ["attestation"] = entry.Attestation?.DeepClone(), ["steps"] = upstream };
        var external = new JsonObject();
        foreach (var name in step.ExternalFrom ?? [])
        {
            if (externals.TryGetValue(name, out var ext) && ext.Passed.Count > 0)
            {
                external[name] = ext.Passed[0].Statement.Predicate?.DeepClone();
            }
        }

        if (external.Count > 0)
        {
            input["external"] = external;
        }

        return input.ToJsonString();
    }
}

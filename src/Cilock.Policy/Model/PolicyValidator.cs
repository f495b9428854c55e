using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Model;

/// <summary>
/// Structural checks of a parsed policy (cilock <c>Validate()</c> plus our fail-closed rules): step name = key,
/// references exist, no self-reference or cycle in <c>attestationsFrom</c>, sane timestamp constraints, known
/// Fulcio extension keys. Returns every finding; errors make the policy unusable.
/// </summary>
internal static class PolicyValidator
{
    public static IReadOnlyList<Diagnostic> Validate(PolicyDocument policy, PolicyVerificationOptions options)
    {
        var found = new List<Diagnostic>();
        var steps = policy.Steps ?? [];
        var externals = policy.ExternalAttestations ?? [];
        if (steps.Count == 0 && externals.Count == 0)
        {
            found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyEmpty, "the policy has no steps and no external attestations; add at least one step"));
        }

        foreach (var (key, step) in steps)
        {
            if (step is null)
            {
                found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{key}' is null"));
                continue;
            }

            // "artifactsFrom": [null] is valid JSON; found by build/fuzz.sh policy (ArgumentNullException before).
            if ((step.ArtifactsFrom ?? []).Concat(step.AttestationsFrom ?? []).Concat(step.ExternalFrom ?? []).Any(u => u is null))
            {
                found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{key}': artifactsFrom/attestationsFrom/externalFrom contains null"));
                continue;
            }

            if (!string.Equals(step.Name, key, StringComparison.Ordinal))
            {
                var message = $"step '{key}' has name '{step.Name}'; the name must equal the map key";
                found.Add(options.Hardening == PolicyHardening.Enforce
                    ? Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, message)
                    : Diagnostic.Warning(PolicyDiagnostics.CompatSwitchUsed, message + " (accepted because --policy-hardening=warn; collections must still be named '" + step.Name + "')"));
            }

            foreach (var upstream in step.ArtifactsFrom ?? [])
            {
                if (!steps.ContainsKey(upstream))
                {
                    found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{key}': artifactsFrom references unknown step '{upstream}'"));
                }
            }

            foreach (var upstream in step.AttestationsFrom ?? [])
            {
                if (upstream == key)
                {
                    found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{key}': attestationsFrom references itself"));
                }
                else if (!steps.ContainsKey(upstream))
                {
                    found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{key}': attestationsFrom references unknown step '{upstream}'"));
                }
            }

            foreach (var ext in step.ExternalFrom ?? [])
            {
                if (!externals.ContainsKey(ext))
                {
                    found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{key}': externalFrom references unknown external attestation '{ext}'"));
                }
            }

            ValidateTimestampConstraint(key, step.TimestampConstraint, found);
            foreach (var (attestation, i) in (step.Attestations ?? []).Select((a, i) => (a, i)))
            {
                if (string.IsNullOrEmpty(attestation?.Type))
                {
                    found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{key}': attestations[{i}] has no type"));
                }
            }

            foreach (var functionary in step.Functionaries ?? [])
            {
                ValidateExtensions($"step '{key}'", functionary?.CertConstraint, options, found);
            }
        }

        foreach (var (key, external) in externals)
        {
            if (string.IsNullOrEmpty(external?.PredicateType))
            {
                found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"external attestation '{key}' has no predicateType"));
                continue;
            }

            foreach (var functionary in external.Functionaries ?? [])
            {
                ValidateExtensions($"external attestation '{key}'", functionary?.CertConstraint, options, found);
            }
        }

        if (FindCycle(steps) is { } cycle)
        {
            found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"attestationsFrom forms a cycle: {string.Join(" -> ", cycle)}"));
        }

        return found;
    }

    /// <summary>Steps ordered so that every <c>attestationsFrom</c> upstream comes first (ties by name, ordinal).</summary>
    public static IReadOnlyList<string> EvaluationOrder(PolicyDocument policy)
    {
        var steps = policy.Steps ?? [];
        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var remaining = new SortedSet<string>(steps.Keys, StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(s => (steps[s]?.AttestationsFrom ?? []).All(u => done.Contains(u) || !steps.ContainsKey(u)))
                ?? remaining.Min!; // a cycle was reported by Validate; keep going deterministically
            order.Add(next);
            done.Add(next);
            remaining.Remove(next);
        }

        return order;
    }

    private static void ValidateTimestampConstraint(string step, TimestampConstraint? constraint, List<Diagnostic> found)
    {
        if (constraint is null)
        {
            return;
        }

        if (constraint.NotBefore is null && constraint.NotAfter is null && string.IsNullOrEmpty(constraint.MaxAge))
        {
            found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{step}': timestampConstraint sets none of notBefore, notAfter, maxAge"));
        }

        if (!string.IsNullOrEmpty(constraint.MaxAge) && (!GoDuration.TryParse(constraint.MaxAge, out var age) || age <= TimeSpan.Zero))
        {
            found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{step}': timestampConstraint.maxAge '{constraint.MaxAge}' must be a positive Go duration such as 720h"));
        }

        if (constraint.NotBefore is { } nb && constraint.NotAfter is { } na && nb > na)
        {
            found.Add(Diagnostic.Error(PolicyDiagnostics.PolicyInvalid, $"step '{step}': timestampConstraint.notBefore is after notAfter"));
        }
    }

    private static void ValidateExtensions(string where, CertConstraint? constraint, PolicyVerificationOptions options, List<Diagnostic> found)
    {
        if (constraint?.Extensions is null)
        {
            return;
        }

        foreach (var key in constraint.Extensions.Keys.ToList())
        {
            if (FulcioExtensions.Oids.ContainsKey(key))
            {
                continue;
            }

            if (options.IgnoreUnknownExtensionKeys)
            {
                // Go silently ignores such keys, so the constraint vanishes; say so loudly.
                constraint.Extensions.Remove(key);
                found.Add(Diagnostic.Warning(PolicyDiagnostics.CompatSwitchUsed, $"{where}: unknown Fulcio extension key '{key}' ignored (--compat-ignore-unknown-extension-keys); the constraint is not enforced"));
            }
            else
            {
                found.Add(Diagnostic.Error(PolicyDiagnostics.UnknownExtensionKey, $"{where}: unknown Fulcio extension key '{key}' (Go would silently ignore it); use the PascalCase names such as SourceRepositoryURI, or --compat-ignore-unknown-extension-keys"));
            }
        }
    }

    private static List<string>? FindCycle(Dictionary<string, PolicyStep> steps)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string name)
        {
            state[name] = 1;
            path.Add(name);
            foreach (var upstream in steps[name]?.AttestationsFrom ?? [])
            {
                if (upstream is null || !steps.ContainsKey(upstream) || upstream == name)
                {
                    continue;
                }

                var s = state.GetValueOrDefault(upstream);
                if (s == 1)
                {
                    return [.. path.SkipWhile(p => p != upstream), upstream];
                }

                if (s == 0 && Visit(upstream) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            return null;
        }

        foreach (var name in steps.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(name) == 0 && Visit(name) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}

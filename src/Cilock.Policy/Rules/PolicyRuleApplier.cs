using System.Text;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Rules;

/// <summary>
/// Adds built-in rules to a policy: the rendered module goes into the <c>regopolicies</c> of every step attestation
/// entry whose type is one the rule is written for.
/// </summary>
public static class PolicyRuleApplier
{
    /// <summary>Renders <paramref name="request"/> and attaches it as <c>&lt;rule&gt;.rego</c>.</summary>
    /// <exception cref="CilockException">
    /// CIL3260 unknown rule; CIL3261 bad parameter; CIL3262 when no step requires an attestation type of the rule.
    /// </exception>
    public static void Apply(PolicyDocument policy, PolicyRuleRequest request)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        var rule = PolicyRuleLibrary.Get(request.Name);
        var module = PolicyRuleLibrary.Render(rule.Name, request.Parameters);
        var types = rule.AttestationTypes.Select(Canonical).ToHashSet(StringComparer.Ordinal);
        var entries = (policy.Steps?.Values ?? Enumerable.Empty<PolicyStep>())
            .SelectMany(s => s.Attestations ?? [])
            .Where(a => a.Type is not null && types.Contains(Canonical(a.Type)))
            .ToList();
        if (entries.Count == 0)
        {
            throw new CilockException(
                RuleDiagnostics.NoMatchingAttestation,
                $"rule '{rule.Name}' applies to {string.Join(", ", rule.AttestationTypes)} but no step of the evidence carries such an attestation; record it (e.g. with the matching attestor) or drop the rule");
        }

        var name = rule.Name + ".rego";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(module.Source));
        foreach (var entry in entries)
        {
            entry.RegoPolicies ??= [];

            // Asking for the same rule twice replaces it rather than evaluating two copies.
            entry.RegoPolicies.RemoveAll(p => p.Name == name);
            entry.RegoPolicies.Add(new RegoPolicyEntry { Name = name, Module = encoded });
        }
    }

    /// <summary>Aliases (Witness and cilock URIs of one attestor) compare equal.</summary>
    private static string Canonical(string type) => AttestationTypes.Resolve(type);
}

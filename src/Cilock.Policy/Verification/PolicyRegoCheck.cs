using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

/// <summary>Compiles every Rego module set of a policy (steps and externals) the way verification will.</summary>
public static class PolicyRegoCheck
{
    /// <summary>Returns one error per module set that does not decode, compile, or has duplicate packages.</summary>
    public static IReadOnlyList<Diagnostic> Check(PolicyDocument policy, PolicyVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var gate = new RegoGate(options ?? new PolicyVerificationOptions());
        var found = new List<Diagnostic>();
        foreach (var (name, step) in (policy.Steps ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var attestation in step?.Attestations ?? [])
            {
                Add(found, gate, attestation?.RegoPolicies, $"step '{name}', {attestation?.Type}");
            }
        }

        foreach (var (name, external) in (policy.ExternalAttestations ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Add(found, gate, external?.RegoPolicies, $"external attestation '{name}'");
        }

        return found;
    }

    private static void Add(List<Diagnostic> found, RegoGate gate, List<RegoPolicyEntry>? modules, string where)
    {
        if (modules is not { Count: > 0 })
        {
            return;
        }

        var compiled = gate.Compile(modules);
        if (compiled.Policy is null)
        {
            found.Add(Diagnostic.Error(compiled.Code!, $"{where}: {compiled.Error}"));
        }
        else if (compiled.Note is not null)
        {
            found.Add(Diagnostic.Warning(Diagnostics.PolicyDiagnostics.CompatSwitchUsed, $"{where}: {compiled.Note}"));
        }
    }
}

using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

/// <summary>
/// <c>CertConstraint.Check</c> (spec policy.md §3.2) in cilock semantics (default, with the hardening vacuous-SAN
/// rule) or Witness semantics. Returns <c>null</c> when the certificate satisfies the constraint, else the reason.
/// </summary>
internal static class CertConstraintChecker
{
    public static string? Check(
        CertConstraint constraint,
        X509Certificate2 leaf,
        IReadOnlyList<X509Certificate2> signatureIntermediates,
        DateTimeOffset trustedTime,
        IReadOnlyList<TrustedRoot> policyRoots,
        ConstraintSemantics semantics,
        bool hardening)
    {
        var id = CertificateIdentity.From(leaf);
        var cilock = semantics == ConstraintSemantics.Cilock;
        var reason = CheckCommonName(constraint.CommonName ?? "", id.CommonName, cilock)
            ?? CheckList("dnsnames", constraint.DnsNames, id.DnsNames, cilock, hardening)
            ?? CheckList("emails", constraint.Emails, id.Emails, cilock, hardening)
            ?? CheckList("organizations", constraint.Organizations, id.Organizations, cilock, hardening)
            ?? CheckList("uris", constraint.Uris, id.Uris, cilock, hardening)
            ?? CheckExtensions(constraint.Extensions, id, cilock);
        if (reason is not null)
        {
            return reason;
        }

        if (cilock)
        {
            foreach (var oid in constraint.RequiredPolicyOids ?? [])
            {
                if (!id.PolicyOids.Contains(oid, StringComparer.Ordinal))
                {
                    return $"certificate lacks required policy OID {oid}";
                }
            }
        }

        return CheckRoots(constraint.Roots, leaf, signatureIntermediates, trustedTime, policyRoots, cilock);
    }

    internal static string? CheckCommonName(string constraint, string actual, bool cilock)
    {
        if (constraint == "*")
        {
            return null;
        }

        if (cilock)
        {
            if (constraint.Length == 0)
            {
                return "commonname constraint is empty (fails closed; use \"*\" for any)";
            }

            var ok = GlobPattern.IsGlob(constraint)
                ? GlobPattern.IsMatch(constraint, actual, ignoreCase: true)
                : string.Equals(constraint, actual, StringComparison.OrdinalIgnoreCase);
            return ok ? null : $"common name '{actual}' does not match '{constraint}'";
        }

        return string.Equals(constraint, actual, StringComparison.Ordinal) ? null : $"common name '{actual}' does not match '{constraint}'";
    }

    internal static string? CheckList(string attribute, IReadOnlyList<string>? constraint, IReadOnlyList<string> values, bool cilock, bool hardening) =>
        cilock ? CheckListCilock(attribute, constraint ?? [], values, hardening) : CheckListWitness(attribute, constraint ?? [], values);

    private static string? CheckListWitness(string attribute, IReadOnlyList<string> constraint, IReadOnlyList<string> values)
    {
        if (constraint is ["*"])
        {
            return null;
        }

        var allowed = constraint is [""] ? [] : constraint.ToHashSet(StringComparer.Ordinal);
        var actual = values is [""] ? [] : values;
        var unmet = new HashSet<string>(allowed, StringComparer.Ordinal);
        foreach (var v in actual)
        {
            if (!allowed.Contains(v))
            {
                return $"{attribute} value '{v}' is not allowed by the constraint";
            }

            unmet.Remove(v);
        }

        return unmet.Count > 0 ? $"{attribute} constraint '{string.Join("', '", unmet)}' not present in the certificate" : null;
    }

    private static string? CheckListCilock(string attribute, IReadOnlyList<string> constraint, IReadOnlyList<string> values, bool hardening)
    {
        if (constraint.Contains("*"))
        {
            return null;
        }

        var patterns = constraint.Where(c => c.Length > 0).ToList();
        if (patterns.Count == 0)
        {
            if (values.Count > 0)
            {
                return $"certificate has {attribute} but the constraint allows none";
            }

            return hardening ? $"{attribute} constraint is empty and the certificate has none (vacuous constraint; pin a value or use \"*\")" : null;
        }

        var remaining = values.ToList();
        foreach (var exact in patterns.Where(p => !GlobPattern.IsGlob(p)))
        {
            var i = remaining.FindIndex(v => string.Equals(v, exact, StringComparison.Ordinal));
            if (i < 0)
            {
                return $"{attribute} constraint '{exact}' not present in the certificate";
            }

            remaining.RemoveAt(i);
        }

        var globs = patterns.Where(GlobPattern.IsGlob).Select(g => g.ToLowerInvariant()).ToList();
        if (!AssignGlobs(remaining.Select(v => v.ToLowerInvariant()).ToList(), globs))
        {
            return remaining.Count > globs.Count || globs.Count == 0
                ? $"{attribute} value(s) '{string.Join("', '", remaining)}' not allowed by the constraint"
                : $"{attribute} values do not match the glob constraints one-to-one";
        }

        return null;
    }

    /// <summary>Bipartite matching: every value matched by a distinct glob and every glob used.</summary>
    private static bool AssignGlobs(List<string> values, List<string> globs)
    {
        if (values.Count != globs.Count)
        {
            return false;
        }

        var owner = new int[globs.Count];
        Array.Fill(owner, -1);
        for (var v = 0; v < values.Count; v++)
        {
            if (!TryAssign(v, new bool[globs.Count]))
            {
                return false;
            }
        }

        return true;

        bool TryAssign(int v, bool[] seen)
        {
            for (var g = 0; g < globs.Count; g++)
            {
                if (seen[g] || !GlobPattern.IsMatch(globs[g], values[v]))
                {
                    continue;
                }

                seen[g] = true;
                if (owner[g] < 0 || TryAssign(owner[g], seen))
                {
                    owner[g] = v;
                    return true;
                }
            }

            return false;
        }
    }

    private static string? CheckExtensions(Dictionary<string, string?>? constraints, CertificateIdentity id, bool cilock)
    {
        foreach (var (key, expected) in constraints ?? [])
        {
            if (string.IsNullOrEmpty(expected))
            {
                continue;
            }

            var actual = id.Extensions.GetValueOrDefault(key) ?? "";
            if (cilock && actual.Any(char.IsControl))
            {
                return $"Fulcio extension {key} contains non-printable characters";
            }

            var ok = !cilock || GlobPattern.IsGlob(expected)
                ? GlobPattern.IsMatch(expected, actual)
                : string.Equals(expected, actual, StringComparison.Ordinal);
            if (!ok)
            {
                return $"Fulcio extension {key} '{actual}' does not match '{expected}'";
            }
        }

        return null;
    }

    private static string? CheckRoots(
        List<string>? ids,
        X509Certificate2 leaf,
        IReadOnlyList<X509Certificate2> signatureIntermediates,
        DateTimeOffset time,
        IReadOnlyList<TrustedRoot> policyRoots,
        bool cilock)
    {
        if (ids is null || ids.Count == 0)
        {
            return "certConstraint.roots is empty; list the policy root ids (or \"*\")";
        }

        var any = cilock ? ids.Contains("*") : ids is ["*"];
        var candidates = any ? policyRoots : policyRoots.Where(r => ids.Contains(r.Id, StringComparer.Ordinal)).ToList();
        foreach (var root in candidates)
        {
            var intermediates = signatureIntermediates.Concat(policyRoots.SelectMany(r => r.Intermediates));
            if (CertificateChainVerifier.Verify(leaf, intermediates, [root.Anchor], time, cilock ? Oids.CodeSigning : null).IsValid)
            {
                return null;
            }
        }

        return $"certificate does not chain to root(s) {string.Join(", ", ids)} at {time:O}";
    }
}

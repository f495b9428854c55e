namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>One way to attack the evidence (or the policy/artifact next to it).</summary>
/// <param name="Name">Short stable name (the test row's display name).</param>
/// <param name="Adversary">Who can do it: "no key" (an outsider editing files), "step key" (an insider or a
/// compromised step that can sign but should still be caught), or "policy" (attacks on the policy file).</param>
/// <param name="ExpectedCodes">Codes of which at least one must be reported as an error (or, for CIL3114, as the
/// warning that names the skipped file) — the code is the reason that names the class.</param>
/// <param name="ReasonFragment">Optional text that some diagnostic message must contain (case-insensitive).</param>
/// <param name="Apply">The tampering, applied to a private copy.</param>
internal sealed record TamperClass(
    string Name,
    string Adversary,
    string[] ExpectedCodes,
    string? ReasonFragment,
    Action<TamperWorkspace> Apply)
{
    public override string ToString() => Name;
}

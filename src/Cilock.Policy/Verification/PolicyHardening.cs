namespace Cilock.Policy.Verification;

/// <summary>cilock's <c>--policy-hardening</c> (spec policy.md §5): <c>Warn</c> disables the four ★ checks.</summary>
public enum PolicyHardening
{
    /// <summary>All hardening checks are enforced (default).</summary>
    Enforce,

    /// <summary>The four ★ checks only warn (Witness behaviour).</summary>
    Warn,
}

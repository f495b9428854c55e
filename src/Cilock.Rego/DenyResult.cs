namespace Cilock.Rego;

/// <summary>The outcome of evaluating <c>data.&lt;package&gt;.deny</c> for every package of a policy (rego-contract §3).</summary>
/// <param name="Reasons">The deny reasons, in package order then OPA's value order.</param>
/// <param name="Error">Why evaluation failed (undefined or invalid <c>deny</c>, evaluation error), or null.</param>
public sealed record DenyResult(IReadOnlyList<string> Reasons, string? Error)
{
    /// <summary>True when at least one reason was produced.</summary>
    public bool Denied => Reasons.Count > 0;

    /// <summary>True when evaluation failed; a failed result must be treated as a failure, never as a pass.</summary>
    public bool Failed => Error is not null;

    /// <summary>True only when nothing was denied and nothing failed.</summary>
    public bool Passed => !Denied && !Failed;
}

namespace Cilock.Attestation.Attestors.Git;

/// <summary>The status of one path: index side and work-tree side (<c>untracked</c>, <c>modified</c>, <c>added</c>, …).</summary>
/// <param name="Staging">The index status, or <c>null</c> when unmodified.</param>
/// <param name="Worktree">The work-tree status, or <c>null</c> when unmodified.</param>
public sealed record GitFileStatus(string? Staging, string? Worktree);

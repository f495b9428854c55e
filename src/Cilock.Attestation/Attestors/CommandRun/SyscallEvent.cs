namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>A security-relevant syscall of a traced process (spec attestors.md §4.1 <c>syscallEvents</c>).</summary>
/// <param name="Syscall">The syscall name, e.g. <c>ptrace</c>.</param>
/// <param name="Detail">A short explanation, or <c>null</c>.</param>
/// <param name="Args">Selected integer arguments, or <c>null</c>.</param>
/// <param name="Timestamp">RFC 3339 UTC timestamp with nanoseconds, or <c>null</c>.</param>
/// <param name="Path">A path the syscall refers to, or <c>null</c>.</param>
public sealed record SyscallEvent(string Syscall, string? Detail, IReadOnlyList<long>? Args, string? Timestamp, string? Path);

namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>An outgoing <c>connect</c> of a traced process (spec attestors.md §4.1 <c>network.connections</c>).</summary>
/// <param name="Syscall">The syscall (<c>connect</c>).</param>
/// <param name="Family">The address family: <c>AF_INET</c>, <c>AF_INET6</c>, <c>AF_UNIX</c> or the number.</param>
/// <param name="Address">The peer address (IP text or socket path).</param>
/// <param name="Port">The peer port, or <c>null</c> for families without ports.</param>
/// <param name="Fd">The socket file descriptor.</param>
/// <param name="Timestamp">RFC 3339 UTC timestamp with nanoseconds, or <c>null</c>.</param>
public sealed record NetworkConnection(string Syscall, string Family, string Address, int? Port, long Fd, string? Timestamp);

namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>A socket a traced process created (spec attestors.md §4.1 <c>network.sockets</c>).</summary>
/// <param name="Family">The address family: <c>AF_INET</c>, <c>AF_INET6</c>, <c>AF_UNIX</c>, <c>AF_NETLINK</c> or the number.</param>
/// <param name="Type">The socket type: <c>SOCK_STREAM</c>, <c>SOCK_DGRAM</c>, <c>SOCK_RAW</c>, <c>SOCK_SEQPACKET</c> or the number.</param>
/// <param name="Protocol">The protocol number (0 = the family's default).</param>
/// <param name="Fd">The socket's file descriptor.</param>
public sealed record SocketRecord(string Family, string Type, long Protocol, long Fd);

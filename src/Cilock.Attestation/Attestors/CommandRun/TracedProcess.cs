using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>One traced process of a command-run attestation (v0.1 record or a resolved v0.2 row).</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="ParentPid">The parent process id.</param>
/// <param name="Program">The executable path, or <c>null</c>.</param>
/// <param name="Comm">The process name, or <c>null</c>.</param>
/// <param name="Cmdline">The command line (NULs replaced by spaces), or <c>null</c>.</param>
/// <param name="ProgramDigest">The digest of the program file, or <c>null</c>.</param>
/// <param name="ExeDigest">The digest of <c>/proc/&lt;pid&gt;/exe</c>, or <c>null</c>.</param>
/// <param name="OpenedFiles">Files the process opened (path → digest; <see cref="DigestSet.Empty"/> when unhashed).</param>
/// <param name="WrittenFiles">Files the process wrote (cilock only).</param>
/// <param name="SyscallEvents">Security-relevant syscalls (cilock only), or <c>null</c>.</param>
/// <param name="Connections">Outgoing connections (cilock only), or <c>null</c>.</param>
/// <param name="ExitCode">The exit code of the process (cilock only; 0 = unknown).</param>
/// <param name="Environ">The environment as space-joined <c>K=V</c> after obfuscation (v0.1 only), or <c>null</c>.</param>
/// <param name="FileOps">Writes, renames, deletes and permission changes (cilock only), or <c>null</c>.</param>
/// <param name="Sockets">Sockets the process created (cilock only), or <c>null</c>.</param>
/// <param name="UnhashedOpens">Opened paths recorded without a digest, with the reason (cilock only), or <c>null</c>.</param>
/// <param name="SpecBypassIsVuln">Whether the kernel reported the process vulnerable to speculative store bypass (v0.1 only), or <c>null</c> when unknown.</param>
public sealed record TracedProcess(
    long ProcessId,
    long ParentPid,
    string? Program,
    string? Comm,
    string? Cmdline,
    DigestSet? ProgramDigest,
    DigestSet? ExeDigest,
    IReadOnlyDictionary<string, DigestSet> OpenedFiles,
    IReadOnlyDictionary<string, DigestSet> WrittenFiles,
    IReadOnlyList<SyscallEvent>? SyscallEvents = null,
    IReadOnlyList<NetworkConnection>? Connections = null,
    int ExitCode = 0,
    string? Environ = null,
    IReadOnlyList<FileOperation>? FileOps = null,
    IReadOnlyList<SocketRecord>? Sockets = null,
    IReadOnlyList<UnhashedOpen>? UnhashedOpens = null,
    bool? SpecBypassIsVuln = null);

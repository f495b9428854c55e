using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.InToto;

namespace Cilock.Tracing;

/// <summary>One traced process (thread group) as the tracer reported it.</summary>
/// <param name="Pid">The process id.</param>
internal sealed class TraceProcess(long Pid)
{
    /// <summary>The process id.</summary>
    public long Pid { get; } = Pid;

    /// <summary>The parent's pid (0 when unknown).</summary>
    public long ParentPid { get; set; }

    /// <summary>The path given to the last execve attempt (resolved), the program once exec succeeds.</summary>
    public string? ExecAttempt { get; set; }

    /// <summary>The program of the successful exec (the execve path).</summary>
    public string? Program { get; set; }

    /// <summary>The target of <c>/proc/PID/exe</c> after exec.</summary>
    public string? Exe { get; set; }

    /// <summary>The process name after exec.</summary>
    public string? Comm { get; set; }

    /// <summary>The command line after exec (NULs as spaces).</summary>
    public string? Cmdline { get; set; }

    /// <summary>The raw environment after exec (NUL-separated <c>K=V</c>); secrets are masked before it is recorded.</summary>
    public string? Environment { get; set; }

    /// <summary>Opened paths (absolute) with their open flags, in order.</summary>
    public List<(string Path, long Flags)> Opens { get; } = [];

    /// <summary>The digest of each path opened for reading, started when its first open record arrived.</summary>
    public Dictionary<string, Task<DigestSet?>> ReadDigests { get; } = new(StringComparer.Ordinal);

    /// <summary>Security-relevant syscalls.</summary>
    public List<SyscallEvent> Events { get; } = [];

    /// <summary>Keys of the distinct events already recorded (syscall, detail, path, args).</summary>
    public HashSet<string> EventKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The kernel's <c>Speculation_Store_Bypass</c> status after exec, or <c>null</c>.</summary>
    public string? SpeculationStoreBypass { get; set; }

    /// <summary>Successful renames, deletes and permission changes, in order.</summary>
    public List<FileOperation> FileOps { get; } = [];

    /// <summary>Sockets created.</summary>
    public List<SocketRecord> Sockets { get; } = [];

    /// <summary>Outgoing connections.</summary>
    public List<NetworkConnection> Connections { get; } = [];

    /// <summary>The exit code (128+N for a signal), or <c>null</c> while unknown.</summary>
    public int? ExitCode { get; set; }
}

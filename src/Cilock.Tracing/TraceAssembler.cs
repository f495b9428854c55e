using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Context;
using Cilock.Attestation.InToto;

namespace Cilock.Tracing;

/// <summary>
/// Streams the tracer's records into a <see cref="TraceLog"/> (starting the digest of every file opened for reading as
/// its record arrives, close to when it was read) and turns the log into the attestation's process rows.
/// </summary>
internal sealed class TraceAssembler
{
    private const int OpenAccessMask = 3;
    private const int OpenCreate = 0x40;
    private const int OpenTruncate = 0x200;

    private static readonly EnvironmentCapturer DefaultCapturer =
        new(new AttestationContextOptions { WorkingDirectory = ".", StepName = "trace" });

    private readonly FileDigestCache _digests = new();

    /// <summary>The decoded records.</summary>
    public TraceLog Log { get; } = new();

    /// <summary>Applies one record line.</summary>
    /// <exception cref="FormatException">When the line is malformed.</exception>
    public void Apply(string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (TraceRecordReader.Apply(Log, line, out var opener, out var flags) is not { } path)
        {
            return;
        }

        if (opener is null)
        {
            // An exec attempt: warm the cache for the program digest.
            _ = _digests.GetAsync(path);
        }
        else if (!IsWriteFlags(flags) && !opener.ReadDigests.ContainsKey(path))
        {
            opener.ReadDigests[path] = _digests.GetAsync(path);
        }
    }

    /// <summary>Whether open flags ask for writing (write access, create or truncate).</summary>
    public static bool IsWriteFlags(long flags) => (flags & OpenAccessMask) != 0 || (flags & (OpenCreate | OpenTruncate)) != 0;

    /// <summary>Builds the process rows: digests, unhashed opens with reasons, fileOps, sockets, masked environment.</summary>
    public async Task<List<TracedProcess>> AssembleAsync()
    {
        var result = new List<TracedProcess>(Log.Order.Count);
        // Paths any process renamed away or removed (a temporary is often written by one process, moved by another).
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var op in Log.Order.SelectMany(pid => Log.Processes[pid].FileOps).Where(op => op.Kind is FileOperation.Rename or FileOperation.Delete))
        {
            moved[op.Path] = op.Kind;
        }

        foreach (var pid in Log.Order)
        {
            var p = Log.Processes[pid];
            var opened = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
            var written = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
            var unhashed = new Dictionary<string, string>(StringComparer.Ordinal);
            var writes = new List<FileOperation>();
            foreach (var (path, flags) in p.Opens)
            {
                var isWrite = IsWriteFlags(flags);
                if (FileDigestCache.IsPseudoPath(path))
                {
                    // Not hashable content (and /proc/<pid>/environ would be a secret): recorded by name only.
                    opened.TryAdd(path, DigestSet.Empty);
                    unhashed.TryAdd(path, "pseudo-filesystem");
                    continue;
                }

                // Reads keep the digest taken as their record streamed in; writes get the final content.
                var digest = !isWrite && p.ReadDigests.TryGetValue(path, out var early)
                    ? await early.ConfigureAwait(false)
                    : await _digests.GetAsync(path).ConfigureAwait(false);
                if (digest is null)
                {
                    // A path that is gone now was a failed probe unless a traced process renamed or deleted it.
                    var reason = FileDigestCache.WhyUnhashed(path)
                        ?? (moved.TryGetValue(path, out var kind) ? (kind == FileOperation.Rename ? "renamed" : "deleted") : null);
                    if (reason is not null)
                    {
                        unhashed.TryAdd(path, reason);
                    }

                    if (isWrite && reason is "renamed" or "deleted" && !writes.Any(w => w.Path == path))
                    {
                        // A temporary written and then moved or removed: a write whose final size is unknown.
                        writes.Add(new FileOperation(FileOperation.Write, path));
                    }

                    continue;
                }

                if (isWrite)
                {
                    if (written.TryAdd(path, digest))
                    {
                        writes.Add(new FileOperation(FileOperation.Write, path, Bytes: SizeOf(path)));
                    }
                }
                else
                {
                    opened.TryAdd(path, digest);
                }
            }

            result.Add(new TracedProcess(
                p.Pid,
                p.ParentPid,
                p.Program,
                p.Comm,
                p.Cmdline,
                p.Program is null ? null : await _digests.GetAsync(p.Program).ConfigureAwait(false),
                p.Exe is null ? null : await _digests.GetAsync(p.Exe).ConfigureAwait(false),
                opened,
                written,
                p.Events.Count > 0 ? p.Events : null,
                p.Connections.Count > 0 ? p.Connections : null,
                p.ExitCode ?? 0,
                Obfuscate(p.Environment),
                writes.Count + p.FileOps.Count > 0 ? [.. writes, .. p.FileOps] : null,
                p.Sockets.Count > 0 ? p.Sockets : null,
                unhashed.Count > 0 ? [.. unhashed.Select(u => new UnhashedOpen(u.Key, u.Value))] : null,
                SpecBypass(p.SpeculationStoreBypass)));
        }

        return result;
    }

    /// <summary>
    /// <c>Speculation_Store_Bypass</c> is "not vulnerable", "vulnerable", "thread vulnerable", "thread mitigated",
    /// "thread force mitigated", "globally mitigated" or "unknown": only the two vulnerable states are true (Witness
    /// tests for the substring "vulnerable", which also matches "not vulnerable").
    /// </summary>
    internal static bool? SpecBypass(string? status) => status switch
    {
        null or "" or "unknown" => null,
        "vulnerable" or "thread vulnerable" => true,
        _ => false,
    };

    private static long? SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Masks sensitive variables with the default rules (spec §5) before the environment leaves the tracer's data;
    /// the attestor additionally scrubs the values its own options consider secret.
    /// </summary>
    private static string? Obfuscate(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in raw.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                variables.TryAdd(entry[..eq], entry[(eq + 1)..]);
            }
        }

        var captured = DefaultCapturer.Capture(variables);
        return captured.Count == 0 ? null : string.Join(' ', captured.Select(kv => $"{kv.Key}={kv.Value}"));
    }
}

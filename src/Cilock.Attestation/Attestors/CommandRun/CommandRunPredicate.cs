using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>
/// The command-run attestation in a version-neutral form: reads v0.1 (Witness, cilock legacy) and v0.2 (cilock,
/// interned tables) and writes either (spec attestors.md §4).
/// </summary>
/// <param name="Cmd">The argv.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Captured standard output, or <c>null</c>.</param>
/// <param name="Stderr">Captured standard error, or <c>null</c>.</param>
/// <param name="Processes">Traced processes (empty without tracing).</param>
/// <param name="CaptureMode">How processes were captured (<c>"trace"</c>), or <c>null</c> without tracing.</param>
/// <param name="DurationNs">Wall time of the traced command in nanoseconds, or <c>null</c>.</param>
public sealed record CommandRunPredicate(
    IReadOnlyList<string> Cmd,
    int ExitCode,
    string? Stdout,
    string? Stderr,
    IReadOnlyList<TracedProcess> Processes,
    string? CaptureMode = null,
    long? DurationNs = null)
{
    /// <summary>The trace backend named in v0.2 <c>_meta.traceBackend</c> when <see cref="CaptureMode"/> is set.</summary>
    public const string TraceBackend = "ptrace";

    /// <summary>The v0.1 shape: <c>{cmd, exitcode, stdout?, stderr?, processes?}</c> (<c>exitcode</c> always written).</summary>
    public JsonObject ToJsonV01()
    {
        var result = new JsonObject { ["cmd"] = StringArray(Cmd), ["exitcode"] = ExitCode };
        AddIfNotEmpty(result, "stdout", Stdout);
        AddIfNotEmpty(result, "stderr", Stderr);
        if (CaptureMode is not null)
        {
            result["summary"] = Summary(uniquePaths: null);
        }

        if (Processes.Count > 0)
        {
            var processes = new JsonArray();
            foreach (var p in Processes)
            {
                var o = new JsonObject();
                AddIfNotEmpty(o, "program", p.Program);
                o["processid"] = p.ProcessId;
                o["parentpid"] = p.ParentPid;
                if (p.ProgramDigest is { Count: > 0 })
                {
                    o["programdigest"] = FileRecording.DigestNode(p.ProgramDigest);
                }

                AddIfNotEmpty(o, "comm", p.Comm);
                AddIfNotEmpty(o, "cmdline", p.Cmdline);
                if (p.ExeDigest is { Count: > 0 })
                {
                    o["exedigest"] = FileRecording.DigestNode(p.ExeDigest);
                }

                if (p.OpenedFiles.Count > 0)
                {
                    o["openedfiles"] = FileRecording.FlatMap(p.OpenedFiles);
                }

                AddIfNotEmpty(o, "environ", p.Environ);
                if (p.SpecBypassIsVuln == true)
                {
                    // Go's omitempty: false is not written.
                    o["specbypassisvuln"] = true;
                }

                if (p.WrittenFiles.Count > 0)
                {
                    o["writtenDigests"] = FileRecording.FlatMap(p.WrittenFiles);
                }

                if (p.UnhashedOpens is { Count: > 0 })
                {
                    o["unhashedOpens"] = new JsonArray([.. p.UnhashedOpens.Select(u => (JsonNode?)new JsonObject { ["path"] = u.Path, ["reason"] = u.Reason })]);
                }

                AddTraceDetails(o, p, "syscallEvents");
                processes.Add(o);
            }

            result["processes"] = processes;
        }

        return result;
    }

    /// <summary>
    /// The v0.2 shape with interned tables: members <c>_meta, digests, paths, comms, cmdlines?, processes, cmd,
    /// exitcode?</c> (omitted when 0), <c>stdout?, stderr?</c>; ids index the tables and -1 means absent.
    /// </summary>
    public JsonObject ToJsonV02()
    {
        var digests = new Interner<DigestSet>();
        var paths = new Interner<string>();
        var comms = new Interner<string>();
        var cmdlines = new Interner<string>();
        var processes = new JsonArray();
        foreach (var p in Processes)
        {
            var o = new JsonObject
            {
                ["processid"] = p.ProcessId,
                ["parentpid"] = p.ParentPid,
                ["commId"] = comms.Id(p.Comm),
                ["execPathId"] = paths.Id(p.Program),
                ["cmdlineId"] = cmdlines.Id(p.Cmdline),
                ["programDigestId"] = digests.Id(p.ProgramDigest is { Count: > 0 } ? p.ProgramDigest : null),
                ["exeDigestId"] = digests.Id(p.ExeDigest is { Count: > 0 } ? p.ExeDigest : null),
            };
            AddFiles(o, "openedFiles", p.OpenedFiles, paths, digests);
            AddFiles(o, "writtenFiles", p.WrittenFiles, paths, digests);
            if (p.UnhashedOpens is { Count: > 0 })
            {
                o["unhashedOpens"] = new JsonArray([.. p.UnhashedOpens.OrderBy(u => u.Path, StringComparer.Ordinal)
                    .Select(u => (JsonNode?)new JsonObject { ["pathId"] = paths.Id(u.Path), ["reason"] = u.Reason })]);
            }

            AddTraceDetails(o, p, "syscalls");
            processes.Add(o);
        }

        var counts = new JsonObject
        {
            ["processes"] = Processes.Count,
            ["uniquePaths"] = paths.Items.Count,
            ["uniqueDigests"] = digests.Items.Count,
            ["uniqueComms"] = comms.Items.Count,
        };
        if (cmdlines.Items.Count > 0)
        {
            counts["uniqueCmdlines"] = cmdlines.Items.Count;
        }

        var digestTable = new JsonArray();
        foreach (var d in digests.Items)
        {
            digestTable.Add(new JsonObject { ["digests"] = FileRecording.DigestNode(d) });
        }

        var meta = new JsonObject { ["version"] = "v0.2" };
        if (CaptureMode is not null)
        {
            meta["captureMode"] = CaptureMode;
            meta["traceBackend"] = TraceBackend;
        }

        meta["counts"] = counts;
        var result = new JsonObject { ["_meta"] = meta };
        if (CaptureMode is not null)
        {
            result["summary"] = Summary(paths.Items.Count);
        }

        result["digests"] = digestTable;
        result["paths"] = StringArray(paths.Items);
        result["comms"] = StringArray(comms.Items);
        if (cmdlines.Items.Count > 0)
        {
            result["cmdlines"] = StringArray(cmdlines.Items);
        }

        result["processes"] = processes;
        result["cmd"] = StringArray(Cmd);
        if (ExitCode != 0)
        {
            result["exitcode"] = ExitCode;
        }

        AddIfNotEmpty(result, "stdout", Stdout);
        AddIfNotEmpty(result, "stderr", Stderr);
        return result;
    }

    /// <summary>Decodes a command-run attestation; the version is taken from the entry type (v0.2 when <c>_meta</c> says so).</summary>
    /// <exception cref="JsonException">When a member has the wrong shape or an id is out of range.</exception>
    public static CommandRunPredicate FromJson(JsonNode? node, string type)
    {
        var isV02 = AttestationTypes.Resolve(type) == AttestationTypes.CommandRunCilock
            || GoJson.GetString(GoJson.Get(node, "_meta"), "version") == "v0.2";
        var cmd = ReadStrings(GoJson.Get(node, "cmd"), "cmd");
        var exit = checked((int)GoJson.GetInt64(node, "exitcode"));
        var stdout = NullIfEmpty(GoJson.GetString(node, "stdout"));
        var stderr = NullIfEmpty(GoJson.GetString(node, "stderr"));
        var processes = isV02 ? ReadV02Processes(node) : ReadV01Processes(GoJson.Get(node, "processes"));
        return new CommandRunPredicate(cmd, exit, stdout, stderr, processes);
    }

    private static List<TracedProcess> ReadV01Processes(JsonNode? node)
    {
        var result = new List<TracedProcess>();
        if (node is null)
        {
            return result;
        }

        foreach (var p in node as JsonArray ?? throw new JsonException("'processes' must be an array"))
        {
            result.Add(new TracedProcess(
                GoJson.GetInt64(p, "processid"),
                GoJson.GetInt64(p, "parentpid"),
                NullIfEmpty(GoJson.GetString(p, "program")),
                NullIfEmpty(GoJson.GetString(p, "comm")),
                NullIfEmpty(GoJson.GetString(p, "cmdline")),
                OptionalDigest(GoJson.Get(p, "programdigest"), "programdigest"),
                OptionalDigest(GoJson.Get(p, "exedigest"), "exedigest"),
                ReadFileMap(GoJson.Get(p, "openedfiles"), "openedfiles"),
                ReadFileMap(GoJson.Get(p, "writtenDigests"), "writtenDigests"),
                Environ: NullIfEmpty(GoJson.GetString(p, "environ")),
                SpecBypassIsVuln: GoJson.Get(p, "specbypassisvuln") is JsonValue v && v.GetValueKind() == JsonValueKind.True ? true : null,
                UnhashedOpens: ReadUnhashed(p, u => GoJson.GetString(u, "path"))).WithTraceDetails(p, "syscallEvents"));
        }

        return result;
    }

    private static List<TracedProcess> ReadV02Processes(JsonNode? node)
    {
        var digests = new List<DigestSet>();
        foreach (var d in GoJson.Get(node, "digests") as JsonArray ?? [])
        {
            digests.Add(CollectionReader.ReadDigestSet(GoJson.Get(d, "digests"), "digests[]"));
        }

        var paths = ReadStrings(GoJson.Get(node, "paths"), "paths");
        var comms = ReadStrings(GoJson.Get(node, "comms"), "comms");
        var cmdlines = ReadStrings(GoJson.Get(node, "cmdlines"), "cmdlines");
        var result = new List<TracedProcess>();
        foreach (var p in GoJson.Get(node, "processes") as JsonArray ?? [])
        {
            result.Add(new TracedProcess(
                GoJson.GetInt64(p, "processid"),
                GoJson.GetInt64(p, "parentpid"),
                Lookup(paths, p, "execPathId"),
                Lookup(comms, p, "commId"),
                Lookup(cmdlines, p, "cmdlineId"),
                Lookup(digests, p, "programDigestId"),
                Lookup(digests, p, "exeDigestId"),
                ReadInternedFiles(GoJson.Get(p, "openedFiles"), paths, digests),
                ReadInternedFiles(GoJson.Get(p, "writtenFiles"), paths, digests),
                UnhashedOpens: ReadUnhashed(p, u => Lookup(paths, u, "pathId") ?? throw new JsonException("an unhashed open has no path")))
                .WithTraceDetails(p, "syscalls"));
        }

        return result;
    }

    private static List<UnhashedOpen>? ReadUnhashed(JsonNode? process, Func<JsonNode?, string> path)
    {
        var items = GoJson.Get(process, "unhashedOpens") as JsonArray;
        return items is null or { Count: 0 } ? null : [.. items.Select(u => new UnhashedOpen(path(u), GoJson.GetString(u, "reason")))];
    }

    private static Dictionary<string, DigestSet> ReadInternedFiles(JsonNode? node, List<string> paths, List<DigestSet> digests)
    {
        var result = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        foreach (var f in node as JsonArray ?? [])
        {
            var path = Lookup(paths, f, "pathId") ?? throw new JsonException("an interned file has no path");
            result[path] = Lookup(digests, f, "digestId") ?? DigestSet.Empty;
        }

        return result;
    }

    private static T? Lookup<T>(List<T> table, JsonNode? row, string member)
        where T : class
    {
        // Absent members decode as 0 in Go, which is a valid id; -1 is the explicit "absent" marker.
        var id = GoJson.GetInt64(row, member);
        if (id == -1)
        {
            return null;
        }

        if (id < 0 || id >= table.Count)
        {
            // A missing member reads as id 0; with an empty table that simply means "nothing recorded".
            return id == 0 && GoJson.Get(row, member) is null ? null : throw new JsonException($"{member} {id} is out of range");
        }

        return table[(int)id];
    }

    private static DigestSet? OptionalDigest(JsonNode? node, string where) =>
        node is null ? null : CollectionReader.ReadDigestSet(node, where);

    private static Dictionary<string, DigestSet> ReadFileMap(JsonNode? node, string where)
    {
        var result = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        foreach (var (path, digest) in node as JsonObject ?? throw new JsonException($"'{where}' must be an object"))
        {
            result[path] = CollectionReader.ReadDigestSet(digest, $"{where}['{path}']");
        }

        return result;
    }

    private static List<string> ReadStrings(JsonNode? node, string where)
    {
        var result = new List<string>();
        if (node is null)
        {
            return result;
        }

        foreach (var item in node as JsonArray ?? throw new JsonException($"'{where}' must be an array"))
        {
            result.Add(item is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw new JsonException($"'{where}' must hold strings"));
        }

        return result;
    }

    private static void AddFiles(JsonObject o, string member, IReadOnlyDictionary<string, DigestSet> files, Interner<string> paths, Interner<DigestSet> digests)
    {
        if (files.Count == 0)
        {
            return;
        }

        var array = new JsonArray();
        foreach (var (path, digest) in files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            array.Add(new JsonObject { ["pathId"] = paths.Id(path), ["digestId"] = digests.Id(digest.Count > 0 ? digest : null) });
        }

        o[member] = array;
    }

    /// <summary>The trace summary (spec §4.3); <paramref name="uniquePaths"/> is the v0.2 path-table size when known.</summary>
    private JsonObject Summary(int? uniquePaths)
    {
        var totals = new JsonObject { ["processes"] = Processes.Count };
        totals["uniquePaths"] = uniquePaths ?? Processes
            .SelectMany(p => p.OpenedFiles.Keys.Concat(p.WrittenFiles.Keys).Append(p.Program ?? string.Empty))
            .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Count();
        totals["reads"] = Processes.Sum(p => p.OpenedFiles.Count);
        totals["writes"] = Processes.Sum(p => p.WrittenFiles.Count);
        totals["renames"] = Processes.Sum(p => p.FileOps?.Count(op => op.Kind == FileOperation.Rename) ?? 0);
        totals["deletes"] = Processes.Sum(p => p.FileOps?.Count(op => op.Kind == FileOperation.Delete) ?? 0);
        totals["execs"] = Processes.Count(p => p.Program is not null);
        totals["netEvents"] = Processes.Sum(p => (p.Connections?.Count ?? 0) + (p.Sockets?.Count ?? 0));
        var summary = new JsonObject { ["captureMode"] = CaptureMode };
        if (DurationNs is { } ns)
        {
            summary["durationNs"] = ns;
        }

        summary["totals"] = totals;
        var suspicious = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in Processes.SelectMany(p => p.SyscallEvents ?? []))
        {
            suspicious[e.Syscall] = suspicious.GetValueOrDefault(e.Syscall) + 1;
        }

        if (suspicious.Count > 0)
        {
            var ops = new JsonObject();
            foreach (var (name, count) in suspicious)
            {
                ops[name] = count;
            }

            summary["outliers"] = new JsonObject { ["suspiciousOps"] = ops };
        }

        return summary;
    }

    /// <summary>Adds the cilock-only per-process members: network, fileOps, syscall events (under <paramref name="eventsMember"/>), exit code.</summary>
    private static void AddTraceDetails(JsonObject o, TracedProcess p, string eventsMember)
    {
        if (NetworkNode(p) is { } network)
        {
            o["network"] = network;
        }

        if (FileOpsNode(p.FileOps) is { } fileOps)
        {
            o["fileOps"] = fileOps;
        }

        if (p.SyscallEvents is { Count: > 0 })
        {
            var events = new JsonArray();
            foreach (var e in p.SyscallEvents)
            {
                var n = new JsonObject { ["syscall"] = e.Syscall };
                AddIfNotEmpty(n, "detail", e.Detail);
                if (e.Args is { Count: > 0 })
                {
                    n["args"] = new JsonArray([.. e.Args.Select(a => (JsonNode?)JsonValue.Create(a))]);
                }

                AddIfNotEmpty(n, "timestamp", e.Timestamp);
                AddIfNotEmpty(n, "path", e.Path);
                events.Add(n);
            }

            o[eventsMember] = events;
        }

        if (p.ExitCode != 0)
        {
            o["exitcode"] = p.ExitCode;
        }
    }

    /// <summary>DNS servers are the peers of connections to port 53 (resolvers <c>connect</c> their UDP socket first).</summary>
    internal const int DnsPort = 53;

    private static JsonObject? NetworkNode(TracedProcess p)
    {
        var network = new JsonObject();
        if (p.Sockets is { Count: > 0 })
        {
            network["sockets"] = new JsonArray([.. p.Sockets.Select(k => (JsonNode?)new JsonObject
            {
                ["family"] = k.Family, ["type"] = k.Type, ["protocol"] = k.Protocol, ["fd"] = k.Fd,
            })]);
        }

        if (p.Connections is { Count: > 0 })
        {
            var connections = new JsonArray();
            foreach (var c in p.Connections)
            {
                var n = new JsonObject { ["syscall"] = c.Syscall, ["family"] = c.Family, ["address"] = c.Address };
                if (c.Port is { } port)
                {
                    n["port"] = port;
                }

                n["fd"] = c.Fd;
                AddIfNotEmpty(n, "timestamp", c.Timestamp);
                connections.Add(n);
            }

            network["connections"] = connections;
            var dns = p.Connections.Where(c => c.Port == DnsPort && c.Family is "AF_INET" or "AF_INET6")
                .Select(c => c.Address).Distinct(StringComparer.Ordinal).ToList();
            if (dns.Count > 0)
            {
                network["dnsLookups"] = new JsonArray([.. dns.Select(a => (JsonNode?)new JsonObject { ["serverAddress"] = a, ["serverPort"] = DnsPort })]);
            }
        }

        return network.Count > 0 ? network : null;
    }

    private static JsonObject? FileOpsNode(IReadOnlyList<FileOperation>? ops)
    {
        if (ops is not { Count: > 0 })
        {
            return null;
        }

        var result = new JsonObject();
        void Add(string member, string kind, Func<FileOperation, JsonObject> shape)
        {
            var items = ops.Where(op => op.Kind == kind).ToList();
            if (items.Count > 0)
            {
                result[member] = new JsonArray([.. items.Select(op =>
                {
                    var n = shape(op);
                    AddIfNotEmpty(n, "timestamp", op.Timestamp);
                    return (JsonNode?)n;
                })]);
            }
        }

        Add("writes", FileOperation.Write, op => op.Bytes is { } bytes ? new JsonObject { ["path"] = op.Path, ["bytes"] = bytes } : new JsonObject { ["path"] = op.Path });
        Add("renames", FileOperation.Rename, op => new JsonObject { ["oldPath"] = op.Path, ["newPath"] = op.NewPath });
        Add("deletes", FileOperation.Delete, op => new JsonObject { ["path"] = op.Path });
        Add("permChanges", FileOperation.Chmod, op => new JsonObject
        {
            ["path"] = op.Path, ["mode"] = op.Mode ?? 0, ["setExec"] = ((op.Mode ?? 0) & 0b001_001_001) != 0,
        });
        return result;
    }

    private static JsonArray StringArray(IEnumerable<string> items) => [.. items.Select(s => (JsonNode?)JsonValue.Create(s))];

    private static void AddIfNotEmpty(JsonObject o, string member, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            o[member] = value;
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>Assigns table ids in order of first use; <c>null</c> maps to -1.</summary>
    private sealed class Interner<T>
        where T : class
    {
        private readonly Dictionary<T, int> _ids = [];

        public List<T> Items { get; } = [];

        public int Id(T? item)
        {
            if (item is null)
            {
                return -1;
            }

            if (!_ids.TryGetValue(item, out var id))
            {
                id = Items.Count;
                _ids[item] = id;
                Items.Add(item);
            }

            return id;
        }
    }
}

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
public sealed record CommandRunPredicate(
    IReadOnlyList<string> Cmd,
    int ExitCode,
    string? Stdout,
    string? Stderr,
    IReadOnlyList<TracedProcess> Processes)
{
    /// <summary>The v0.1 shape: <c>{cmd, exitcode, stdout?, stderr?, processes?}</c> (<c>exitcode</c> always written).</summary>
    public JsonObject ToJsonV01()
    {
        var result = new JsonObject { ["cmd"] = StringArray(Cmd), ["exitcode"] = ExitCode };
        AddIfNotEmpty(result, "stdout", Stdout);
        AddIfNotEmpty(result, "stderr", Stderr);
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

        var result = new JsonObject
        {
            ["_meta"] = new JsonObject { ["version"] = "v0.2", ["counts"] = counts },
            ["digests"] = digestTable,
            ["paths"] = StringArray(paths.Items),
            ["comms"] = StringArray(comms.Items),
        };
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
                ReadFileMap(GoJson.Get(p, "writtenDigests"), "writtenDigests")));
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
                ReadInternedFiles(GoJson.Get(p, "writtenFiles"), paths, digests)));
        }

        return result;
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

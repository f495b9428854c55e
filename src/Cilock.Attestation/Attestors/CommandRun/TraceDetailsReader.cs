using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Json;

namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>Decodes the cilock-only per-process members shared by v0.1 and v0.2: network, fileOps, syscall events, exit code.</summary>
internal static class TraceDetailsReader
{
    /// <summary>Returns <paramref name="process"/> with the trace details of <paramref name="node"/> (events under <paramref name="eventsMember"/>).</summary>
    /// <exception cref="JsonException">When a member has the wrong shape.</exception>
    public static TracedProcess WithTraceDetails(this TracedProcess process, JsonNode? node, string eventsMember)
    {
        var network = GoJson.Get(node, "network");
        var fileOps = GoJson.Get(node, "fileOps");
        return process with
        {
            Connections = NullIfEmpty(Items(network, "connections").Select(c => new NetworkConnection(
                GoJson.GetString(c, "syscall"),
                GoJson.GetString(c, "family"),
                GoJson.GetString(c, "address"),
                GoJson.Get(c, "port") is null ? null : checked((int)GoJson.GetInt64(c, "port")),
                GoJson.GetInt64(c, "fd"),
                Optional(c, "timestamp")))),
            Sockets = NullIfEmpty(Items(network, "sockets").Select(k => new SocketRecord(
                Text(k, "family"), Text(k, "type"), GoJson.GetInt64(k, "protocol"), GoJson.GetInt64(k, "fd")))),
            FileOps = NullIfEmpty(
                Items(fileOps, "writes").Select(w => new FileOperation(FileOperation.Write, GoJson.GetString(w, "path"), Bytes: GoJson.Get(w, "bytes") is null ? null : GoJson.GetInt64(w, "bytes"), Timestamp: Optional(w, "timestamp")))
                .Concat(Items(fileOps, "renames").Select(r => new FileOperation(FileOperation.Rename, GoJson.GetString(r, "oldPath"), GoJson.GetString(r, "newPath"), Timestamp: Optional(r, "timestamp"))))
                .Concat(Items(fileOps, "deletes").Select(d => new FileOperation(FileOperation.Delete, GoJson.GetString(d, "path"), Timestamp: Optional(d, "timestamp"))))
                .Concat(Items(fileOps, "permChanges").Select(c => new FileOperation(FileOperation.Chmod, GoJson.GetString(c, "path"), Mode: GoJson.GetInt64(c, "mode"), Timestamp: Optional(c, "timestamp"))))),
            SyscallEvents = NullIfEmpty(Items(node, eventsMember).Select(e => new SyscallEvent(
                GoJson.GetString(e, "syscall"),
                Optional(e, "detail"),
                GoJson.Get(e, "args") is JsonArray args ? [.. args.Select(Integer)] : null,
                Optional(e, "timestamp"),
                Optional(e, "path")))),
            ExitCode = checked((int)GoJson.GetInt64(node, "exitcode")),
        };
    }

    private static IEnumerable<JsonNode?> Items(JsonNode? parent, string member) => GoJson.Get(parent, member) switch
    {
        null => [],
        JsonArray array => array,
        _ => throw new JsonException($"'{member}' must be an array"),
    };

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list;
    }

    private static long Integer(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : throw new JsonException("syscall args must be integers");

    private static string? Optional(JsonNode? node, string member) => GoJson.GetString(node, member) is { Length: > 0 } s ? s : null;

    // Families and types are names when known, numbers otherwise (both are accepted).
    private static string Text(JsonNode? node, string member) => GoJson.Get(node, member) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        ? GoJson.GetInt64(node, member).ToString(CultureInfo.InvariantCulture)
        : GoJson.GetString(node, member);
}

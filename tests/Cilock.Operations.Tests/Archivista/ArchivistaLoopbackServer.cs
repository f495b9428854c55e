using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.TestUtilities;
using static Cilock.TestUtilities.LoopbackHttpServer;

namespace Cilock.Operations.Tests.Archivista;

/// <summary>
/// A loopback Archivista implementing exactly the documented surface (spec archivista-and-bundles.md §1–4): upload
/// (gitoid over the exact body, trailing newline included), verbatim download, and the GraphQL <c>dsses</c> search
/// with subject digests, exclusions and — for Witness collections only, as upstream — collection name and types.
/// Switches simulate failures: tampering, 5xx bursts, GraphQL errors, required auth.
/// </summary>
internal sealed class ArchivistaLoopbackServer : IDisposable
{
    private const string WitnessCollection = "https://witness.testifysec.com/attestation-collection/v0.1";

    private readonly ConcurrentDictionary<string, Stored> _store = new(StringComparer.Ordinal);
    private readonly LoopbackHttpServer _server;

    public ArchivistaLoopbackServer()
    {
        _server = new LoopbackHttpServer(context =>
        {
            Handle(context);
            return Task.CompletedTask;
        });
    }

    public string BaseUrl => _server.BaseUrl;

    public ConcurrentQueue<(string Method, string Path, string? Authorization, string? Custom)> Requests { get; } = new();

    public ConcurrentQueue<JsonObject> Queries { get; } = new();

    /// <summary>Downloads return the stored bytes with one byte changed.</summary>
    public bool Tamper { get; set; }

    /// <summary>The next N requests answer 503.</summary>
    public int FailNext { get; set; }

    /// <summary>Queries answer with a GraphQL error.</summary>
    public bool GraphQlErrors { get; set; }

    /// <summary>When set, requests without exactly this Authorization header get 401.</summary>
    public string? RequiredAuthorization { get; set; }

    public IReadOnlyCollection<string> Gitoids => [.. _store.Keys];

    public byte[] StoredBytes(string gitoid) => _store[gitoid].Bytes;

    public void Dispose() => _server.Dispose();

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue((request.HttpMethod, path, request.Headers["Authorization"], request.Headers["X-Custom"]));
        if (FailNext > 0)
        {
            FailNext--;
            Respond(context, 503, "overloaded"u8.ToArray());
            return;
        }

        if (RequiredAuthorization is not null && request.Headers["Authorization"] != RequiredAuthorization)
        {
            Respond(context, 401, "unauthorized"u8.ToArray());
            return;
        }

        if (path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            path = path[3..];
        }

        using var body = new MemoryStream();
        request.InputStream.CopyTo(body);
        switch (request.HttpMethod, path)
        {
            case ("POST", "/upload"):
                Respond(context, 200, Encoding.UTF8.GetBytes(new JsonObject { ["gitoid"] = Store(body.ToArray()) }.ToJsonString()));
                break;
            case ("GET", _) when path.StartsWith("/download/", StringComparison.Ordinal):
                var gitoid = path["/download/".Length..];
                if (!_store.TryGetValue(gitoid, out var stored))
                {
                    Respond(context, 404, "not found"u8.ToArray());
                    break;
                }

                var bytes = (byte[])stored.Bytes.Clone();
                if (Tamper)
                {
                    var i = Array.IndexOf(bytes, (byte)'"', 10);
                    bytes[i + 1] ^= 0x01;
                }

                Respond(context, 200, bytes);
                break;
            case ("POST", "/query"):
                Respond(context, 200, Encoding.UTF8.GetBytes(Query(JsonNode.Parse(body.ToArray())!.AsObject()).ToJsonString()));
                break;
            default:
                Respond(context, 404, "no such route"u8.ToArray());
                break;
        }
    }

    private string Store(byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes($"blob {body.Length}\0"));
        hash.AppendData(body);
        var gitoid = Convert.ToHexStringLower(hash.GetHashAndReset());
        var envelope = JsonNode.Parse(body)!;
        var statement = JsonNode.Parse(Convert.FromBase64String((string)envelope["payload"]!))!;
        var digests = (statement["subject"] as JsonArray ?? []).SelectMany(s => s!["digest"]!.AsObject().Select(d => (string)d.Value!)).ToHashSet(StringComparer.Ordinal);
        string? name = null;
        var types = new HashSet<string>(StringComparer.Ordinal);
        if ((string?)statement["predicateType"] == WitnessCollection)
        {
            name = (string?)statement["predicate"]!["name"];
            types.UnionWith((statement["predicate"]!["attestations"] as JsonArray ?? []).Select(a => (string)a!["type"]!));
        }

        _store[gitoid] = new Stored(body, digests, name, types);
        return gitoid;
    }

    private JsonObject Query(JsonObject request)
    {
        Queries.Enqueue(request);
        if (GraphQlErrors)
        {
            return new JsonObject { ["data"] = null, ["errors"] = new JsonArray(new JsonObject { ["message"] = "ent: query failed" }) };
        }

        var query = (string)request["query"]!;
        var variables = request["variables"]!.AsObject();
        var wanted = Strings(variables["subjectDigests"]);
        var exclude = Strings(variables["excludeGitoids"]);
        var byCollection = query.Contains("hasAttestationCollectionsWith", StringComparison.Ordinal);
        var edges = new JsonArray();
        foreach (var (gitoid, stored) in _store.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (exclude.Contains(gitoid) || !stored.Digests.Overlaps(wanted))
            {
                continue;
            }

            if (byCollection && (stored.CollectionName != (string?)variables["collectionName"] || !stored.Types.Overlaps(Strings(variables["attestations"]))))
            {
                continue;
            }

            edges.Add(new JsonObject { ["node"] = new JsonObject { ["gitoidSha256"] = gitoid } });
        }

        return new JsonObject { ["data"] = new JsonObject { ["dsses"] = new JsonObject { ["edges"] = edges } } };
    }

    private static HashSet<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);

    private sealed record Stored(byte[] Bytes, HashSet<string> Digests, string? CollectionName, HashSet<string> Types);
}

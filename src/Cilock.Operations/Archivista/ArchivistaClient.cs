using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Archivista;

/// <summary>
/// Client of the Archivista evidence store (spec archivista-and-bundles.md §1–4): <c>POST /upload</c>,
/// <c>GET /download/{gitoid}</c>, <c>POST /query</c> (GraphQL). Transport failures, timeouts, 429 and 5xx are retried;
/// every other failure (non-200, GraphQL <c>errors</c>, a download that does not hash to its gitoid) throws a coded
/// <see cref="CilockException"/>. Header values never appear in messages.
/// </summary>
public sealed class ArchivistaClient : IDisposable
{
    /// <summary>Largest download accepted (as cilock).</summary>
    public const long MaxDownloadBytes = 512L * 1024 * 1024;

    private const int MaxQueryResponseBytes = 64 * 1024 * 1024;

    private const string SubjectQuery =
        "query ($subjectDigests: [String!], $excludeGitoids: [String!]) { dsses(where: { gitoidSha256NotIn: $excludeGitoids, " +
        "hasStatementWith: { hasSubjectsWith: { hasSubjectDigestsWith: { valueIn: $subjectDigests } } } }) { edges { node { gitoidSha256 } } } }";

    private const string CollectionQuery =
        "query ($subjectDigests: [String!], $attestations: [String!], $collectionName: String!, $excludeGitoids: [String!]) { " +
        "dsses(where: { gitoidSha256NotIn: $excludeGitoids, hasStatementWith: { hasAttestationCollectionsWith: { name: $collectionName, " +
        "hasAttestationsWith: { typeIn: $attestations } }, hasSubjectsWith: { hasSubjectDigestsWith: { valueIn: $subjectDigests } } } }) " +
        "{ edges { node { gitoidSha256 } } } }";

    private readonly ArchivistaClientOptions _options;
    private readonly HttpClient _http;

    /// <summary>Creates a client.</summary>
    /// <exception cref="CilockException">CIL1710 for a base URL that is not absolute http(s).</exception>
    public ArchivistaClient(ArchivistaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("http" or "https"))
        {
            throw new CilockException(CiDiagnostics.ArchivistaOptionInvalid, $"Archivista URL '{options.BaseUrl}' must be an absolute http(s) URL");
        }

        _options = options;
        _http = options.HttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The server base URL.</summary>
    public Uri BaseUrl => _options.BaseUrl;

    /// <summary>Parses a <c>--archivista</c> value.</summary>
    /// <exception cref="CilockException">CIL1710 when it is not an absolute http(s) URL.</exception>
    public static Uri ParseUrl(string value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CilockException(CiDiagnostics.ArchivistaOptionInvalid, $"Archivista URL '{value}' must be an absolute http(s) URL");

    /// <summary>Stores one envelope (sent exactly as given) and returns the gitoid the server assigned.</summary>
    /// <exception cref="CilockException">CIL1711 when the upload fails; CIL1712 for an answer without a gitoid.</exception>
    public async Task<string> UploadAsync(ReadOnlyMemory<byte> envelope, CancellationToken ct = default)
    {
        var body = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Join("upload")) { Content = Json(envelope) },
            "upload",
            MaxQueryResponseBytes,
            ct).ConfigureAwait(false);
        var gitoid = ParseJson(body, "upload")?["gitoid"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return Gitoid.IsValid(gitoid)
            ? gitoid!.ToLowerInvariant()
            : throw new CilockException(CiDiagnostics.ArchivistaResponseInvalid, $"Archivista upload answered without a valid gitoid ({BaseUrl})");
    }

    /// <summary>Fetches stored bytes by gitoid and checks that they hash to it.</summary>
    /// <exception cref="CilockException">CIL1711 when the download fails; CIL1713 when the bytes do not match the gitoid.</exception>
    public async Task<byte[]> DownloadAsync(string gitoid, CancellationToken ct = default)
    {
        if (!Gitoid.IsValid(gitoid))
        {
            throw new CilockException(CiDiagnostics.ArchivistaOptionInvalid, $"'{gitoid}' is not a gitoid (64 hex digits)");
        }

        var bytes = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Join("download/" + gitoid.ToLowerInvariant())), "download", MaxDownloadBytes, ct).ConfigureAwait(false);
        var actual = Gitoid.Compute(bytes);
        return string.Equals(actual, gitoid, StringComparison.OrdinalIgnoreCase)
            ? bytes
            : throw new CilockException(CiDiagnostics.ArchivistaGitoidMismatch, $"Archivista returned bytes for {gitoid} that hash to {actual}: the store is tampered or corrupted");
    }

    /// <summary>Runs a search (spec §4) and returns the matching gitoids (lowercase, de-duplicated).</summary>
    /// <exception cref="CilockException">CIL1711 when the request fails; CIL1712 for GraphQL errors or a malformed answer.</exception>
    public async Task<IReadOnlyList<string>> SearchAsync(ArchivistaSearch search, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var variables = new JsonObject
        {
            ["subjectDigests"] = new JsonArray([.. search.SubjectDigests.Select(d => (JsonNode)JsonValue.Create(d))]),
            ["excludeGitoids"] = new JsonArray([.. search.ExcludeGitoids.Select(g => (JsonNode)JsonValue.Create(g))]),
        };
        if (search.CollectionName is { } name)
        {
            variables["collectionName"] = name;
            variables["attestations"] = new JsonArray([.. search.AttestationTypes.Select(t => (JsonNode)JsonValue.Create(t))]);
        }

        var request = new JsonObject { ["query"] = search.CollectionName is null ? SubjectQuery : CollectionQuery, ["variables"] = variables };
        var payload = Encoding.UTF8.GetBytes(request.ToJsonString());
        var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Join("query")) { Content = Json(payload) }, "query", MaxQueryResponseBytes, ct).ConfigureAwait(false);
        var answer = ParseJson(body, "query");
        if (answer?["errors"] is JsonArray { Count: > 0 } errors)
        {
            var messages = errors.Select(e => e?["message"]?.GetValueKind() == JsonValueKind.String ? (string)e["message"]! : "error");
            throw new CilockException(CiDiagnostics.ArchivistaResponseInvalid, $"Archivista query failed: {string.Join("; ", messages)}");
        }

        if (answer?["data"]?["dsses"]?["edges"] is not JsonArray edges)
        {
            throw new CilockException(CiDiagnostics.ArchivistaResponseInvalid, "Archivista query answer has no data.dsses.edges");
        }

        var result = new List<string>();
        foreach (var edge in edges)
        {
            var gitoid = edge?["node"]?["gitoidSha256"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (!Gitoid.IsValid(gitoid))
            {
                throw new CilockException(CiDiagnostics.ArchivistaResponseInvalid, "Archivista query answer holds an invalid gitoid");
            }

            if (!result.Contains(gitoid!.ToLowerInvariant()))
            {
                result.Add(gitoid.ToLowerInvariant());
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static ByteArrayContent Json(ReadOnlyMemory<byte> body)
    {
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static JsonNode? ParseJson(byte[] body, string operation)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw new CilockException(CiDiagnostics.ArchivistaResponseInvalid, $"Archivista {operation} answer is not JSON");
        }
    }

    private Uri Join(string path) => new(_options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + path);

    private async Task<byte[]> SendAsync(Func<HttpRequestMessage> create, string operation, long maxBytes, CancellationToken ct)
    {
        var attempts = Math.Max(1, _options.Attempts);
        var delay = _options.RetryDelay;
        string failure = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay *= 2;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.Timeout);
            try
            {
                using var request = create();
                foreach (var (name, value) in _options.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var body = await ReadLimitedAsync(response.Content, maxBytes, operation, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return body;
                }

                failure = $"HTTP {(int)response.StatusCode}: {Snippet(body)}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    break;
                }
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = $"no answer within {_options.Timeout.TotalSeconds:0.#} s";
            }
        }

        throw new CilockException(CiDiagnostics.ArchivistaRequestFailed, $"Archivista {operation} at {_options.BaseUrl} failed: {failure}");
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, long maxBytes, string operation, CancellationToken ct)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new CilockException(CiDiagnostics.ArchivistaResponseInvalid, $"Archivista {operation} answer is larger than {maxBytes} bytes");
        }

        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new CilockException(CiDiagnostics.ArchivistaResponseInvalid, $"Archivista {operation} answer is larger than {maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // The server's error text, bounded and on one line (it is shown to the user; it never holds our headers).
    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(empty body)" : text;
    }
}

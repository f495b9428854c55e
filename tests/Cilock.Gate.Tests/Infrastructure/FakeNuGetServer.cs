using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Cilock.TestUtilities;

namespace Cilock.Gate.Tests.Infrastructure;

/// <summary>One request the fake feed received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string? ApiKey, byte[]? PackageBytes);

/// <summary>
/// A real loopback HTTP server speaking the NuGet push protocol: <c>PUT</c> multipart/form-data with the package
/// in a part and the key in <c>X-NuGet-ApiKey</c>; optional v3 service index. Records the package bytes it
/// received and keeps a server log (every header except the API key value, which is recorded separately).
/// </summary>
internal sealed class FakeNuGetServer : IDisposable
{
    private readonly LoopbackHttpServer _server;

    internal FakeNuGetServer(int status = 201, bool hang = false)
    {
        Status = status;
        Hang = hang;

        // Concurrent: a hanging push (timeout tests) must not hold up the requests after it.
        _server = new LoopbackHttpServer(HandleAsync, concurrent: true);
    }

    internal string BaseUrl => _server.BaseUrl;

    internal string PushUrl => BaseUrl + "api/v2/package/";

    internal string IndexUrl => BaseUrl + "v3/index.json";

    internal int Status { get; set; }

    internal bool Hang { get; set; }

    /// <summary>When set, requests without these Basic credentials get a 401 challenge.</summary>
    internal (string User, string Password)? BasicAuth { get; set; }

    internal ConcurrentQueue<string> AuthorizedUsers { get; } = new();

    internal ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    internal ConcurrentQueue<string> ServerLog { get; } = new();

    internal IEnumerable<ReceivedRequest> Puts => Requests.Where(r => r.Method == "PUT");

    public void Dispose() => _server.Dispose();

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var log = new StringBuilder($"{request.HttpMethod} {request.Url!.AbsolutePath}");
            foreach (var name in request.Headers.AllKeys)
            {
                if (!string.Equals(name, "X-NuGet-ApiKey", StringComparison.OrdinalIgnoreCase) && !string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    log.Append($" | {name}: {request.Headers[name]}");
                }
            }

            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            ServerLog.Enqueue(log.ToString());

            if (request.HttpMethod == "GET" && request.Url.AbsolutePath == "/v3/index.json")
            {
                Requests.Enqueue(new ReceivedRequest("GET", request.Url.AbsolutePath, null, null));
                var index = $$"""{"version":"3.0.0","resources":[{"@id":"{{PushUrl}}","@type":"PackagePublish/2.0.0"}]}""";
                LoopbackHttpServer.Respond(context, 200, index);
                return;
            }

            if (BasicAuth is { } auth)
            {
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.User}:{auth.Password}"));
                if (request.Headers["Authorization"] != expected)
                {
                    response.AddHeader("WWW-Authenticate", "Basic realm=\"feed\"");
                    LoopbackHttpServer.Respond(context, 401, "");
                    return;
                }

                AuthorizedUsers.Enqueue(auth.User);
            }

            var package = ExtractPart(request.ContentType, body.ToArray());
            Requests.Enqueue(new ReceivedRequest(request.HttpMethod, request.Url.AbsolutePath, request.Headers["X-NuGet-ApiKey"], package));
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, _server.Stopping).ConfigureAwait(false);
            }

            LoopbackHttpServer.Respond(context, Status, "");
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (timeout tests) or the server is stopping.
        }
    }

    /// <summary>Returns the first part of a multipart/form-data body (NuGet sends exactly one: the package).</summary>
    internal static byte[]? ExtractPart(string? contentType, byte[] body)
    {
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = contentType.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))["boundary=".Length..].Trim('"');
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var start = IndexOf(body, delimiter, 0);
        var headersEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), start) + 4;
        var end = IndexOf(body, Encoding.ASCII.GetBytes("\r\n--" + boundary), headersEnd);
        return body[headersEnd..end];
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        var index = haystack.AsSpan(from).IndexOf(needle);
        return index < 0 ? throw new InvalidDataException("malformed multipart body") : from + index;
    }
}

using System.Collections.Concurrent;
using System.Net;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests.Fakes;

/// <summary>
/// A loopback HTTP server answering each request with the next scripted step (the last step repeats), recording
/// what it received. A step may hang until the server is disposed.
/// </summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly List<Func<HttpListenerContext, Task>> _steps;
    private readonly LoopbackHttpServer _server;
    private int _count;

    public ScriptedHttpServer(params Func<HttpListenerContext, Task>[] steps)
    {
        _steps = [.. steps];

        // Concurrent: a hanging step must not hold up the requests after it.
        _server = new LoopbackHttpServer(AnswerAsync, concurrent: true);
        Url = new Uri(_server.BaseUrl);
    }

    public Uri Url { get; }

    /// <summary>Requests received so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Every request: method, URL, headers and body as text.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public CancellationToken Stopping => _server.Stopping;

    public static Func<HttpListenerContext, Task> Status(int status, string body = "", string contentType = "text/plain") => c =>
    {
        LoopbackHttpServer.Respond(c, status, body, contentType);
        return Task.CompletedTask;
    };

    public static Func<HttpListenerContext, Task> Json(string body) => Status(200, body, "application/json");

    public Func<HttpListenerContext, Task> Hang() => async c =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, Stopping);
        }
        catch (OperationCanceledException)
        {
            c.Response.Abort();
        }
    };

    public void Dispose() => _server.Dispose();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        var headers = string.Join("\n", context.Request.Headers.AllKeys.Select(k => $"{k}: {context.Request.Headers[k]}"));
        Received.Enqueue($"{context.Request.HttpMethod} {context.Request.Url}\n{headers}\n\n{body}");
        await _steps[Math.Min(index, _steps.Count - 1)](context);
    }
}

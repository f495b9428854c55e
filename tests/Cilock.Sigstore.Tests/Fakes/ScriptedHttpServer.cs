using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Cilock.Sigstore.Tests.Fakes;

/// <summary>
/// A loopback HTTP server answering each request with the next scripted step (the last step repeats), recording
/// what it received. A step may hang until the server is disposed.
/// </summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<Func<HttpListenerContext, Task>> _steps;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    public ScriptedHttpServer(params Func<HttpListenerContext, Task>[] steps)
    {
        _steps = [.. steps];
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                Url = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests received so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Every request: method, URL, headers and body as text.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public CancellationToken Stopping => _stop.Token;

    public static Func<HttpListenerContext, Task> Status(int status, string body = "", string contentType = "text/plain") => async c =>
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = contentType;
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        await c.Response.OutputStream.WriteAsync(bytes);
        c.Response.Close();
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

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var index = Interlocked.Increment(ref _count) - 1;
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = string.Join("\n", context.Request.Headers.AllKeys.Select(k => $"{k}: {context.Request.Headers[k]}"));
            Received.Enqueue($"{context.Request.HttpMethod} {context.Request.Url}\n{headers}\n\n{body}");
            var step = _steps[Math.Min(index, _steps.Count - 1)];
            _ = Task.Run(async () =>
            {
                try
                {
                    await step(context);
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                }
            });
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

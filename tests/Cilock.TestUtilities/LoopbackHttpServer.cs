using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cilock.TestUtilities;

/// <summary>
/// An <see cref="HttpListener"/> on a free 127.0.0.1 port that hands every request to one handler: the shared
/// skeleton of the loopback fakes (feeds, token services, TSAs, Archivista). A handler that throws is answered 500
/// with the exception message (when the response is still open) and the server keeps accepting.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    // A port found free can be taken by another process before the listener binds it; a few fresh tries settle that.
    private const int StartAttempts = 8;

    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly bool _concurrent;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;
    private readonly Task _loop;

    /// <summary>Starts listening and serving.</summary>
    /// <param name="handler">Answers one request (it must close or abort the response).</param>
    /// <param name="concurrent">
    /// <see langword="true"/> runs each request's handler on its own task, so a slow or hanging answer does not hold
    /// up the next request; <see langword="false"/> answers requests one at a time, in arrival order.
    /// </param>
    public LoopbackHttpServer(Func<HttpListenerContext, Task> handler, bool concurrent = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
        _concurrent = concurrent;
        _stopping = _stop.Token;
        for (var attempt = 1; ; attempt++)
        {
            var url = $"http://127.0.0.1:{FreePort()}/";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(url);
            try
            {
                _listener.Start();
                BaseUrl = url;
                break;
            }
            catch (HttpListenerException) when (attempt < StartAttempts)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The root URL, <c>http://127.0.0.1:PORT/</c> (with the trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>Cancelled when the server is disposed, for handlers that wait (hang) until then.</summary>
    public CancellationToken Stopping => _stopping;

    /// <summary>Writes a whole response (status, content type, length, body) and closes it.</summary>
    public static void Respond(HttpListenerContext context, int status, byte[] body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }

    /// <summary>Writes a whole UTF-8 text response and closes it.</summary>
    public static void Respond(HttpListenerContext context, int status, string body, string contentType = "application/json") =>
        Respond(context, status, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Stops accepting, cancels <see cref="Stopping"/> and closes the listener.</summary>
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

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private async Task LoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (_concurrent)
            {
                _ = Task.Run(() => ServeAsync(context));
            }
            else
            {
                await ServeAsync(context).ConfigureAwait(false);
            }
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            await _handler(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            // The handler failed (often a broken test input): answer 500 so the client fails fast instead of timing
            // out. When the client already went away or the response was written, there is nobody left to tell.
            try
            {
                Respond(context, 500, e.Message, "text/plain");
            }
            catch (Exception e2) when (e2 is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
            {
            }
        }
    }
}

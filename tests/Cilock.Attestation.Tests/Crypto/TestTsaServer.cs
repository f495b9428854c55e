using System.Formats.Asn1;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Cilock.Attestation.Tests.Crypto;

/// <summary>A minimal RFC 3161 responder on 127.0.0.1 for one test, signing with a <see cref="TestPki"/> TSA.</summary>
internal sealed class TestTsaServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public TestTsaServer(X509Certificate2 tsa, DateTimeOffset genTime, Func<byte[], (int Status, byte[] Body)>? respond = null)
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/tsa");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        respond ??= request => (200, Granted(request, tsa, genTime));
        _loop = Task.Run(() => Serve(respond));
    }

    public Uri Url { get; }

    public int Requests { get; private set; }

    public string? LastContentType { get; private set; }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    /// <summary>A granted TimeStampResp for the request's imprint and nonce.</summary>
    public static byte[] Granted(byte[] requestBytes, X509Certificate2 tsa, DateTimeOffset genTime)
    {
        if (!Rfc3161TimestampRequest.TryDecode(requestBytes, out var request, out _))
        {
            return Status(2);
        }

        var token = TestPki.CreateTokenForImprint(request.GetMessageHash().ToArray(), request.GetNonce(), genTime, tsa);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteInteger(0);
            }

            w.WriteEncodedValue(token);
        }

        return w.Encode();
    }

    /// <summary>A TimeStampResp carrying only a status (2 = rejection).</summary>
    public static byte[] Status(int status)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteInteger(status);
            }
        }

        return w.Encode();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void Serve(Func<byte[], (int Status, byte[] Body)> respond)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            context.Request.InputStream.CopyTo(body);
            Requests++;
            LastContentType = context.Request.ContentType;
            var (status, bytes) = respond(body.ToArray());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/timestamp-reply";
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
    }
}

using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Crypto;

/// <summary>A minimal RFC 3161 responder on 127.0.0.1 for one test, signing with a <see cref="TestPki"/> TSA.</summary>
internal sealed class TestTsaServer : IDisposable
{
    private readonly LoopbackHttpServer _server;

    public TestTsaServer(X509Certificate2 tsa, DateTimeOffset genTime, Func<byte[], (int Status, byte[] Body)>? respond = null)
    {
        respond ??= request => (200, Granted(request, tsa, genTime));
        _server = new LoopbackHttpServer(context =>
        {
            Serve(context, respond);
            return Task.CompletedTask;
        });
        Url = new Uri(_server.BaseUrl + "tsa");
    }

    public Uri Url { get; }

    public int Requests { get; private set; }

    public string? LastContentType { get; private set; }

    public void Dispose() => _server.Dispose();

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

    // Requests are answered one at a time, so the counters need no locking.
    private void Serve(HttpListenerContext context, Func<byte[], (int Status, byte[] Body)> respond)
    {
        using var body = new MemoryStream();
        context.Request.InputStream.CopyTo(body);
        Requests++;
        LastContentType = context.Request.ContentType;
        var (status, bytes) = respond(body.ToArray());
        LoopbackHttpServer.Respond(context, status, bytes, "application/timestamp-reply");
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;
using Cilock.Sigstore.Tests.Fakes;
using Cilock.Sigstore.Timestamping;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class TsaClientTests
{
    private static readonly SigstoreHttpSettings Fast = new() { Timeout = TimeSpan.FromSeconds(5), MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(10) };

    [TestMethod]
    [DataRow("garbage")]
    [DataRow("")]
    public async Task Timestamp_NotATimestampReply_Cil6107(string answer)
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(200, answer, "application/timestamp-reply"));

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new TimestampAuthorityClient(server.Url, new SigstoreHttp(Fast)).TimestampAsync([1, 2, 3], default));

        Assert.AreEqual(KeylessDiagnostics.TimestampResponseInvalid, e.Code);
        StringAssert.Contains(e.Message, "http://127.0.0.1:" + server.Url.Port);
    }

    [TestMethod]
    public async Task Timestamp_Rejection_ReplyStatusRefused()
    {
        // TimeStampResp { status PKIStatusInfo { status rejection(2) } } with no token.
        byte[] rejection = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02];
        using var server = new ScriptedHttpServer(async c =>
        {
            c.Response.StatusCode = 200;
            c.Response.ContentType = "application/timestamp-reply";
            await c.Response.OutputStream.WriteAsync(rejection);
            c.Response.Close();
        });

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new TimestampAuthorityClient(server.Url, new SigstoreHttp(Fast)).TimestampAsync([1, 2, 3], default));

        Assert.AreEqual(KeylessDiagnostics.TimestampResponseInvalid, e.Code);
    }

    [TestMethod]
    public async Task Timestamp_Always500_Cil6103()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(500));

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new TimestampAuthorityClient(server.Url, new SigstoreHttp(Fast)).TimestampAsync([1], default));

        Assert.AreEqual(KeylessDiagnostics.ServiceUnavailable, e.Code);
        Assert.AreEqual(2, server.Count);
    }
}

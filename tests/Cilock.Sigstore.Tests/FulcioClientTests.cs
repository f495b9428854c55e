using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Fulcio;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Signing;
using Cilock.Sigstore.Tests.Fakes;

namespace Cilock.Sigstore.Tests;

/// <summary>Fulcio client and the shared HTTP path (retries, timeouts, coded errors) against loopback fakes.</summary>
[TestClass]
public sealed class FulcioClientTests
{
    private static readonly SigstoreHttpSettings Fast = new() { Timeout = TimeSpan.FromSeconds(5), MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) };

    private static string ChainAnswer(ECDsa key, bool detached = false)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=fake-fulcio-root", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        var leafRequest = new CertificateRequest("", key, HashAlgorithmName.SHA256);
        using var leaf = leafRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(10), [1, 2, 3, 4]);
        var member = detached ? "signedCertificateDetachedSct" : "signedCertificateEmbeddedSct";
        return new JsonObject { [member] = new JsonObject { ["chain"] = new JsonObject { ["certificates"] = new JsonArray(leaf.ExportCertificatePem() + "\n", ca.ExportCertificatePem() + "\n") } } }.ToJsonString();
    }

    private static IdentityToken Token(out string marker) => IdentityToken.Parse(TestTokens.Planted(out marker), "test");

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task RequestCertificate_ChainForOurKey_LeafAndNoRoot(bool detached)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Json(ChainAnswer(key, detached)));

        var chain = await new FulcioClient(server.Url, new SigstoreHttp(Fast)).RequestCertificateAsync(Token(out var marker), key, default);

        StringAssert.StartsWith(chain.LeafPem, "-----BEGIN CERTIFICATE-----");
        Assert.AreEqual(0, chain.IntermediatePems.Count, "the self-signed root must stay out");
        var request = server.Received.Single();
        StringAssert.Contains(request, "POST http://127.0.0.1:" + server.Url.Port + "/api/v2/signingCert");
        var body = JsonNode.Parse(request[(request.IndexOf("\n\n", StringComparison.Ordinal) + 2)..])!;
        var proof = Convert.FromBase64String((string)body["publicKeyRequest"]!["proofOfPossession"]!);
        Assert.IsTrue(key.VerifyData("repo:acme/app:ref:refs/heads/main"u8, proof, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), "proof of possession must sign the token's subject");
        StringAssert.Contains((string)body["publicKeyRequest"]!["publicKey"]!["content"]!, "BEGIN PUBLIC KEY");
    }

    [TestMethod]
    public async Task RequestCertificate_503Then200_RetriesAndSucceeds()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(503, "busy"), ScriptedHttpServer.Status(429), ScriptedHttpServer.Json(ChainAnswer(key)));

        var chain = await new FulcioClient(server.Url, new SigstoreHttp(Fast)).RequestCertificateAsync(Token(out _), key, default);

        Assert.IsNotNull(chain.LeafPem);
        Assert.AreEqual(3, server.Count);
    }

    [TestMethod]
    public async Task RequestCertificate_Always503_Cil6103AfterAllAttemptsWithoutToken()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(503, "busy"));

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new FulcioClient(server.Url, new SigstoreHttp(Fast)).RequestCertificateAsync(Token(out var marker), key, default));

        Assert.AreEqual(KeylessDiagnostics.ServiceUnavailable, e.Code);
        Assert.AreEqual(3, server.Count);
        StringAssert.Contains(e.Message, "after 3 attempts");
        StringAssert.Contains(e.Message, "HTTP 503");
        StringAssert.Contains(e.Message, "Fulcio at http://127.0.0.1:" + server.Url.Port);
    }

    [TestMethod]
    public async Task RequestCertificate_ServerHangs_Cil6103Timeout()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = new ScriptedHttpServer();
        using var hanging = new ScriptedHttpServer(server.Hang());
        var settings = Fast with { Timeout = TimeSpan.FromMilliseconds(300), MaxAttempts = 2 };

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new FulcioClient(hanging.Url, new SigstoreHttp(settings)).RequestCertificateAsync(Token(out _), key, default));

        Assert.AreEqual(KeylessDiagnostics.ServiceUnavailable, e.Code);
        StringAssert.Contains(e.Message, "no answer within 0.3 s");
        Assert.AreEqual(2, hanging.Count);
    }

    [TestMethod]
    public async Task RequestCertificate_Unauthorized_Cil6104NoRetryNoToken()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(401, """{"code":16,"message":"There was an error processing the identity token"}""", "application/json"));
        var token = Token(out var marker);

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new FulcioClient(server.Url, new SigstoreHttp(Fast)).RequestCertificateAsync(token, key, default));

        Assert.AreEqual(KeylessDiagnostics.ServiceRejected, e.Code);
        Assert.AreEqual(1, server.Count);
        StringAssert.Contains(e.Message, "error processing the identity token");
        Assert.IsFalse(e.ToString().Contains(marker, StringComparison.Ordinal));
        Assert.IsFalse(e.ToString().Contains(token.Value.Split('.')[1], StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task RequestCertificate_NothingListening_Cil6103()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Uri url;
        using (var closed = new ScriptedHttpServer())
        {
            url = closed.Url;
        }

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new FulcioClient(url, new SigstoreHttp(Fast with { MaxAttempts = 2 })).RequestCertificateAsync(Token(out _), key, default));

        Assert.AreEqual(KeylessDiagnostics.ServiceUnavailable, e.Code);
    }

    [TestMethod]
    public async Task RequestCertificate_CertificateForAnotherKey_Cil6105()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Json(ChainAnswer(other)));

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new FulcioClient(server.Url, new SigstoreHttp(Fast)).RequestCertificateAsync(Token(out _), key, default));

        Assert.AreEqual(KeylessDiagnostics.FulcioResponseInvalid, e.Code);
        StringAssert.Contains(e.Message, "another key");
    }

    [TestMethod]
    [DataRow("""{"signedCertificateEmbeddedSct":{"chain":{"certificates":[]}}}""", "empty")]
    [DataRow("""{"other":1}""", "neither")]
    [DataRow("""{"signedCertificateEmbeddedSct":{"chain":{"certificates":["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"]}}}""", "not valid PEM")]
    [DataRow("not json", "not JSON")]
    public async Task RequestCertificate_MalformedAnswer_Cil6105(string answer, string reason)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Json(answer));

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => new FulcioClient(server.Url, new SigstoreHttp(Fast)).RequestCertificateAsync(Token(out _), key, default));

        Assert.AreEqual(KeylessDiagnostics.FulcioResponseInvalid, e.Code);
        StringAssert.Contains(e.Message, reason);
    }

    [TestMethod]
    [DataRow("http://fulcio.example.com", KeylessDiagnostics.UrlRefused)]
    [DataRow("ftp://127.0.0.1/", KeylessDiagnostics.UrlRefused)]
    public void KeylessSigner_InsecureFulcioUrl_Refused(string url, string code)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => new KeylessSigner(
            new StaticIdentityTokenProvider("x", "t"), new KeylessSigningOptions { FulcioUrl = new Uri(url) }));

        Assert.AreEqual(code, e.Code);
    }

    [TestMethod]
    public void KeylessSigner_NoLogNoTimestamp_Cil6109()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => new KeylessSigner(
            new StaticIdentityTokenProvider("x", "t"), new KeylessSigningOptions { RekorUrl = null, TimestampAuthorityUrls = [] }));

        Assert.AreEqual(KeylessDiagnostics.InvalidOptions, e.Code);
    }
}

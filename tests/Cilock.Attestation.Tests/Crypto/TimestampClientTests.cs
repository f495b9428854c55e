using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;

namespace Cilock.Attestation.Tests.Crypto;

[TestClass]
public sealed class TimestampClientTests
{
    private static readonly DateTimeOffset GenTime = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    [DataRow("https://freetsa.org/tsr", true)]
    [DataRow("http://127.0.0.1:8080/tsa", true)]
    [DataRow("http://localhost/tsa", true)]
    [DataRow("http://[::1]/tsa", true)]
    [DataRow("http://10.1.2.3/tsa", true)]
    [DataRow("http://172.20.0.1/tsa", true)]
    [DataRow("http://192.168.1.1/tsa", true)]
    [DataRow("http://[fd00::1]/tsa", true)]
    [DataRow("http://freetsa.org/tsr", false)]
    [DataRow("http://172.32.0.1/tsa", false)]
    [DataRow("http://8.8.8.8/tsa", false)]
    [DataRow("ftp://127.0.0.1/tsa", false)]
    public void IsAllowedUrl_SchemeAndHost_CilockRule(string url, bool allowed)
    {
        Assert.AreEqual(allowed, TimestampClient.IsAllowedUrl(new Uri(url)));
    }

    [TestMethod]
    public void Constructor_PlainHttpPublicHost_Cil1017()
    {
        Assert.AreEqual("CIL1017", Assert.ThrowsExactly<CilockException>(() => new TimestampClient(new Uri("http://freetsa.org/tsr"))).Code);
    }

    [TestMethod]
    public void Timestamp_LoopbackAuthority_TokenVerifiesOverSignature()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root);
        using var server = new TestTsaServer(tsa, GenTime);
        var signature = RandomNumberGenerator.GetBytes(71);

        var token = new TimestampClient(server.Url).Timestamp(signature);

        var result = TimestampVerifier.Verify(token, signature, new("local", root, []));
        Assert.IsTrue(result.IsValid, result.Error);
        Assert.AreEqual(GenTime, result.GenTime);
        Assert.AreEqual("application/timestamp-query", server.LastContentType);
    }

    [TestMethod]
    public void Timestamp_AsDsseSignerHook_ExpiredCertificateSignatureVerifiesAtGenTime()
    {
        var signedAt = new DateTimeOffset(DateTime.UtcNow.AddDays(-2).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        using var root = TestPki.CreateRoot();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.CreateLeaf(root, key, signedAt.AddMinutes(-1), TimeSpan.FromMinutes(10));
        using var tsaRoot = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(tsaRoot);
        using var server = new TestTsaServer(tsa, signedAt);
        var signer = new X509CertificateSigner(new EcdsaSigner(ECDsa.Create(key.ExportParameters(true))), TestPki.Pem(leaf));

        var envelope = DsseSigner.Sign("t", Encoding.UTF8.GetBytes("{}"), [signer], new TimestampClient(server.Url).Timestamp);
        var result = DsseVerifier.Verify(DsseEnvelope.Parse(envelope.ToJson()), new DsseVerificationOptions { Roots = [root], TimestampAuthorities = [new("local", tsaRoot, [])] });

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.AreEqual(signedAt, result.VerifiedCertificates.Single().TrustedTime);
    }

    [TestMethod]
    [DataRow(500, "error", DisplayName = "HTTP 500")]
    [DataRow(200, "garbage", DisplayName = "garbage body")]
    [DataRow(200, "rejection", DisplayName = "status rejection")]
    [DataRow(200, "other-imprint", DisplayName = "imprint of other data")]
    [DataRow(200, "huge", DisplayName = "over 1 MiB")]
    public void Timestamp_BadAuthority_Cil1018(int status, string kind)
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root);
        using var server = new TestTsaServer(tsa, GenTime, request => (status, kind switch
        {
            "garbage" => [1, 2, 3],
            "rejection" => TestTsaServer.Status(2),
            "other-imprint" => TestTsaServer.Granted(Rfc3161Request(RandomNumberGenerator.GetBytes(8)), tsa, GenTime),
            "huge" => new byte[(1 << 20) + 1],
            _ => [],
        }));

        var e = Assert.ThrowsExactly<CilockException>(() => new TimestampClient(server.Url).Timestamp([1, 2, 3]));

        Assert.AreEqual("CIL1018", e.Code);
        StringAssert.Contains(e.Message, server.Url.ToString());
    }

    private static byte[] Rfc3161Request(byte[] data) =>
        System.Security.Cryptography.Pkcs.Rfc3161TimestampRequest.CreateFromData(data, HashAlgorithmName.SHA256, requestSignerCertificates: true).Encode();
}

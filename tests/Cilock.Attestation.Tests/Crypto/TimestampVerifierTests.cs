using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;

namespace Cilock.Attestation.Tests.Crypto;

[TestClass]
public sealed class TimestampVerifierTests
{
    private static readonly byte[] Signature = RandomNumberGenerator.GetBytes(64);
    private static readonly DateTimeOffset GenTime = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Verify_ValidToken_ReturnsGenTimeAndSigner()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root);

        var result = TimestampVerifier.Verify(TestPki.CreateToken(Signature, GenTime, tsa), Signature, new("t", root, []));

        Assert.IsTrue(result.IsValid, result.Error);
        Assert.AreEqual(GenTime, result.GenTime);
        Assert.AreEqual(tsa.Thumbprint, result.SignerCertificate!.Thumbprint);
    }

    [TestMethod]
    public void Verify_CorruptEmbeddedCertificate_FailsWithReason()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root);
        var token = TestPki.CreateToken(Signature, GenTime, tsa);
        var at = token.AsSpan().IndexOf(tsa.RawData);
        Assert.IsGreaterThanOrEqualTo(0, at);
        var version = tsa.RawData.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xA0, 0x03, 0x02, 0x01, 0x02]); // [0] version v3
        Assert.IsGreaterThan(0, version);
        token[at + version] = 0x04; // same length, wrong type: the CMS still decodes, the certificate does not

        var result = TimestampVerifier.Verify(token, Signature, new("t", root, []));

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "unreadable certificate");
    }

    [TestMethod]
    public void Verify_TsaCertificateItselfAsAuthority_Valid()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root);
        using var tsaPublic = X509CertificateLoader.LoadCertificate(tsa.RawData);

        var result = TimestampVerifier.Verify(TestPki.CreateToken(Signature, GenTime, tsa), Signature, new("t", tsaPublic, []));

        Assert.IsTrue(result.IsValid, result.Error);
    }

    [TestMethod]
    public void Verify_NonCriticalEku_RejectedUnlessRelaxed()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root, criticalEku: false);
        var token = TestPki.CreateToken(Signature, GenTime, tsa);

        var strict = TimestampVerifier.Verify(token, Signature, new("t", root, []));
        var relaxed = TimestampVerifier.Verify(token, Signature, new("t", root, []), requireCriticalEku: false);

        Assert.IsFalse(strict.IsValid);
        StringAssert.Contains(strict.Error, "critical");
        Assert.IsTrue(relaxed.IsValid, relaxed.Error);
    }

    [TestMethod]
    public void Verify_ExtraServerAuthEku_Rejected()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root, true, Oids.TimeStamping, "1.3.6.1.5.5.7.3.1");

        var result = TimestampVerifier.Verify(TestPki.CreateToken(Signature, GenTime, tsa), Signature, new("t", root, []));

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "exactly the id-kp-timeStamping");
    }

    [TestMethod]
    public void Verify_TwoSigners_Rejected()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa1 = TestPki.CreateTsa(root);
        using var tsa2 = TestPki.CreateTsa(root);

        var result = TimestampVerifier.Verify(TestPki.CreateToken(Signature, GenTime, tsa1, tsa2), Signature, new("t", root, []));

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "exactly one");
    }

    [TestMethod]
    public void Verify_ImprintOfOtherData_Rejected()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root);

        var result = TimestampVerifier.Verify(TestPki.CreateToken([1, 2, 3], GenTime, tsa), Signature, new("t", root, []));

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "imprint");
    }

    [TestMethod]
    public void Verify_GenTimeOutsideTsaValidity_Rejected()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root);

        var result = TimestampVerifier.Verify(TestPki.CreateToken(Signature, DateTimeOffset.UtcNow.AddYears(-10), tsa), Signature, new("t", root, []));

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Error, "is not valid at");
    }

    [TestMethod]
    public void Verify_OtherAuthority_Rejected()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var other = TestPki.CreateRoot("Other Root");
        using var tsa = TestPki.CreateTsa(root);

        var result = TimestampVerifier.Verify(TestPki.CreateToken(Signature, GenTime, tsa), Signature, new("t", other, []));

        Assert.IsFalse(result.IsValid);
    }

    [TestMethod]
    public void Verify_TamperedTokenBytes_RejectedWithoutThrowing()
    {
        using var root = TestPki.CreateRoot("TSA Root");
        using var tsa = TestPki.CreateTsa(root);
        var token = TestPki.CreateToken(Signature, GenTime, tsa);
        token[^10] ^= 0xFF;

        Assert.IsFalse(TimestampVerifier.Verify(token, Signature, new("t", root, [])).IsValid);
        Assert.IsFalse(TimestampVerifier.Verify([0x30, 0x00], Signature, new("t", root, [])).IsValid);
        Assert.IsFalse(TimestampVerifier.Verify([], Signature, new("t", root, [])).IsValid);
    }
}

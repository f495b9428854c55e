using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class TrustedRootTests
{
    [TestMethod]
    public void PublicGood_Embedded_IsTheSharedCopy()
    {
        var root = TrustedRoot.PublicGood();
        Assert.IsNotEmpty(root.Tlogs);
        Assert.IsNotEmpty(root.CertificateAuthorities);
        Assert.IsNotEmpty(root.Ctlogs);
        Assert.IsNotEmpty(root.TimestampAuthorities);
        var shared = TrustedRoot.Load(Cilock.TestUtilities.SharedData.Locate("conformance/sigstore/trusted_root.public-good.json"));
        CollectionAssert.AreEqual(shared.ToJsonBytes(), root.ToJsonBytes(), "the embedded root must be refreshed from ../shared");
    }

    [TestMethod]
    public void FindTlog_ByLogId_FindsRekor()
    {
        var rekor = TrustedRoot.PublicGood().FindTlog(Convert.FromBase64String("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0="));
        Assert.AreEqual("https://rekor.sigstore.dev", rekor?.BaseUrl);
        Assert.IsNull(TrustedRoot.PublicGood().FindTlog(new byte[32]));
    }

    [TestMethod]
    [DataRow("""{"mediaType":"application/json"}""")]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[{"baseUrl":"x"}]}""")]
    [DataRow("""{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","certificateAuthorities":[{"certChain":{"certificates":[]}}]}""")]
    [DataRow("not json")]
    public void Parse_Malformed_RefusedWithCode(string json)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => TrustedRoot.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.AreEqual(SigstoreDiagnostics.TrustedRootMalformed, e.Code);
    }

    [TestMethod]
    public void TimeRange_BothEndsInclusive()
    {
        var range = new TimeRange { Start = DateTimeOffset.UnixEpoch, End = DateTimeOffset.UnixEpoch.AddSeconds(10) };
        Assert.IsTrue(range.Contains(DateTimeOffset.UnixEpoch));
        Assert.IsTrue(range.Contains(DateTimeOffset.UnixEpoch.AddSeconds(10)));
        Assert.IsFalse(range.Contains(DateTimeOffset.UnixEpoch.AddSeconds(10.001)));
        Assert.IsFalse(range.Contains(DateTimeOffset.UnixEpoch.AddTicks(-1)));
    }
}

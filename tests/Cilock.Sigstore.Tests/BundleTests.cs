using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class BundleTests
{
    private const string MinimalV03 =
        """{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{"hint":"k"},"tlogEntries":[{"logIndex":"7","logId":{"keyId":"AAEC"},"kindVersion":{"kind":"hashedrekord","version":"0.0.1"},"integratedTime":"1700000000","inclusionProof":{"logIndex":"7","rootHash":"AAEC","treeSize":"8","hashes":["AQI="],"checkpoint":{"envelope":"o\n8\nAAEC\n\n"}},"canonicalizedBody":"e30="}]},"messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":"AAEC"},"signature":"AQID"}}""";

    [TestMethod]
    [DynamicData(nameof(ConformanceCases.Names), typeof(ConformanceCases))]
    public void Parse_ConformanceBundle_RoundTripsToSameModel(string name)
    {
        var path = Path.Combine(ConformanceCases.Folder(name), "bundle.sigstore.json");
        SigstoreBundle bundle;
        try
        {
            bundle = SigstoreBundle.Load(path);
        }
        catch (CilockException e) when (name.EndsWith("_fail", StringComparison.Ordinal))
        {
            // Some failing cases are refused by structure already; that is a coded refusal, not a crash.
            StringAssert.StartsWith(e.Code, "CIL600");
            return;
        }

        var again = SigstoreBundle.Parse(bundle.ToJsonBytes());
        CollectionAssert.AreEqual(bundle.ToJsonBytes(), again.ToJsonBytes());
        Assert.AreEqual(bundle.VerificationMaterial.TlogEntries.Count, again.VerificationMaterial.TlogEntries.Count);
    }

    [TestMethod]
    public void ToJsonBytes_Int64AndBytes_WrittenInProtobufJsonForm()
    {
        var json = Encoding.UTF8.GetString(SigstoreBundle.Parse(Encoding.UTF8.GetBytes(MinimalV03)).ToJsonBytes());
        StringAssert.Contains(json, "\"logIndex\":\"7\"");
        StringAssert.Contains(json, "\"integratedTime\":\"1700000000\"");
        StringAssert.Contains(json, "\"signature\":\"AQID\"");
        Assert.DoesNotContain("\"dsseEnvelope\"", json);
    }

    [TestMethod]
    public void Parse_NumbersInsteadOfStrings_Accepted()
    {
        var bundle = SigstoreBundle.Parse(Encoding.UTF8.GetBytes(MinimalV03.Replace("\"logIndex\":\"7\"", "\"logIndex\":7", StringComparison.Ordinal)));
        Assert.AreEqual(7, bundle.VerificationMaterial.TlogEntries[0].LogIndex);
    }

    [TestMethod]
    [DataRow("application/vnd.dev.sigstore.bundle.v0.3+json", "application/vnd.dev.sigstore.bundle.v0.4+json", SigstoreDiagnostics.BundleMediaTypeUnknown)]
    [DataRow("\"signature\":\"AQID\"", "\"signature\":\"A!ID\"", SigstoreDiagnostics.BundleMalformed)]
    [DataRow("\"logIndex\":\"7\",\"logId\"", "\"logIndex\":\"-1\",\"logId\"", SigstoreDiagnostics.BundleIncomplete)]
    [DataRow("\"publicKey\":{\"hint\":\"k\"},", "", SigstoreDiagnostics.BundleIncomplete)]
    [DataRow("\"mediaType\"", "\"mediaType\":\"x\",\"mediaType\"", SigstoreDiagnostics.BundleMalformed)]
    [DataRow(",\"checkpoint\":{\"envelope\":\"o\\n8\\nAAEC\\n\\n\"}", "", SigstoreDiagnostics.BundleIncomplete)]
    [DataRow("\"messageSignature\"", "\"dsseEnvelope\":{\"payload\":\"e30=\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQ==\"}]},\"messageSignature\"", SigstoreDiagnostics.BundleIncomplete)]
    public void Parse_BrokenBundle_RefusedWithCode(string find, string replace, string code)
    {
        var text = MinimalV03.Replace(find, replace, StringComparison.Ordinal);
        Assert.AreNotEqual(MinimalV03, text, "the mutation must apply");
        var e = Assert.ThrowsExactly<CilockException>(() => SigstoreBundle.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.AreEqual(code, e.Code, e.Message);
    }

    [TestMethod]
    public void Parse_V01WithoutSet_Refused()
    {
        var text = MinimalV03.Replace("application/vnd.dev.sigstore.bundle.v0.3+json", BundleMediaTypes.V01, StringComparison.Ordinal);
        var e = Assert.ThrowsExactly<CilockException>(() => SigstoreBundle.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.AreEqual(SigstoreDiagnostics.BundleIncomplete, e.Code);
        StringAssert.Contains(e.Message, "inclusion promise");
    }

    [TestMethod]
    public void BundleDsseEnvelope_FromEnvelope_KeepsPayloadAndSignatureOnly()
    {
        var envelope = new Attestation.Dsse.DsseEnvelope("application/vnd.in-toto+json", [1, 2, 3],
            [new Attestation.Dsse.DsseSignature { Signature = [9, 9], KeyId = "", CertificatePem = "-----BEGIN CERTIFICATE-----" }]);
        var bundled = BundleDsseEnvelope.FromEnvelope(envelope);
        Assert.IsNull(bundled.Signatures[0].Keyid);
        var back = bundled.ToEnvelope();
        CollectionAssert.AreEqual(envelope.Payload, back.Payload);
        CollectionAssert.AreEqual(new byte[] { 9, 9 }, back.Signatures[0].Signature);
        Assert.IsNull(back.Signatures[0].CertificatePem);
    }
}

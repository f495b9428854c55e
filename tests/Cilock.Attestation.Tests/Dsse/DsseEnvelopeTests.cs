using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;

namespace Cilock.Attestation.Tests.Dsse;

[TestClass]
public sealed class DsseEnvelopeTests
{
    private const string Minimal = """{"payload":"eyJ4IjoxfQ==","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"k1","sig":"AQID"}]}""";

    [TestMethod]
    public void ToJson_Minimal_CompactGoOrderNoTrailingNewline()
    {
        var envelope = new DsseEnvelope("application/vnd.in-toto+json", "{\"x\":1}"u8.ToArray(), [new DsseSignature { KeyId = "k1", Signature = [1, 2, 3] }]);

        Assert.AreEqual(Minimal, envelope.ToJson());
    }

    [TestMethod]
    public void ToJson_AllMembers_CertificateIsBase64OfPemAndRoundTrips()
    {
        const string cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        var envelope = new DsseEnvelope("t", [9], [new DsseSignature
        {
            KeyId = "",
            Signature = [1],
            CertificatePem = cert,
            IntermediatePems = [cert, cert],
            Timestamps = [[0x30, 0x00]],
        }]);

        var json = envelope.ToJson();
        var b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(cert));
        Assert.AreEqual(
            $"{{\"payload\":\"CQ==\",\"payloadType\":\"t\",\"signatures\":[{{\"keyid\":\"\",\"sig\":\"AQ==\",\"certificate\":\"{b64}\",\"intermediates\":[\"{b64}\",\"{b64}\"],\"timestamps\":[{{\"type\":\"tsp\",\"data\":\"MAA=\"}}]}}]}}",
            json);
        var parsed = DsseEnvelope.Parse(json);
        Assert.AreEqual(cert, parsed.Signatures[0].CertificatePem);
        Assert.HasCount(2, parsed.Signatures[0].IntermediatePems);
        CollectionAssert.AreEqual(new byte[] { 0x30, 0x00 }, parsed.Signatures[0].Timestamps[0]);
        Assert.AreEqual(json, parsed.ToJson());
    }

    [TestMethod]
    public void ToJson_EmptyCertificate_OmittedLikeGoOmitEmpty()
    {
        var envelope = new DsseEnvelope("t", [], [new DsseSignature { Signature = [1], CertificatePem = "" }]);

        Assert.AreEqual("{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"AQ==\"}]}", envelope.ToJson());
    }

    [TestMethod]
    public void ToJson_HtmlCharactersInStrings_EscapedLikeGo()
    {
        var envelope = new DsseEnvelope("a<b>&c", [], [new DsseSignature { KeyId = "x\u2028", Signature = [] }]);

        StringAssert.Contains(envelope.ToJson(), "\"payloadType\":\"a\\u003cb\\u003e\\u0026c\"");
        StringAssert.Contains(envelope.ToJson(), "\"keyid\":\"x\\u2028\"");
    }

    [TestMethod]
    public void Parse_Minimal_ReadsMembers()
    {
        var envelope = DsseEnvelope.Parse(Minimal);

        Assert.AreEqual("application/vnd.in-toto+json", envelope.PayloadType);
        Assert.AreEqual("{\"x\":1}", Encoding.UTF8.GetString(envelope.Payload));
        Assert.AreEqual("k1", envelope.Signatures[0].KeyId);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, envelope.Signatures[0].Signature);
        Assert.IsNull(envelope.Signatures[0].CertificatePem);
    }

    [TestMethod]
    public void Parse_CrLfInsideBase64_Skipped()
    {
        var envelope = DsseEnvelope.Parse(Minimal.Replace("eyJ4IjoxfQ==", "eyJ4\\r\\nIjox\\nfQ=="));

        Assert.AreEqual("{\"x\":1}", Encoding.UTF8.GetString(envelope.Payload));
    }

    [TestMethod]
    public void Parse_MemberNamesInOtherCase_BoundLikeGo()
    {
        var envelope = DsseEnvelope.Parse(Minimal.Replace("\"payloadType\"", "\"PayloadType\"").Replace("\"sig\"", "\"Sig\""));

        Assert.AreEqual("application/vnd.in-toto+json", envelope.PayloadType);
    }

    [TestMethod]
    [DataRow("eyJ4IjoxfQ", DisplayName = "unpadded")]
    [DataRow("eyJ4 IjoxfQ==", DisplayName = "space")]
    [DataRow("eyJ4\\tIjoxfQ==", DisplayName = "tab")]
    [DataRow("eyJ4Ij=xfQ==", DisplayName = "padding inside")]
    [DataRow("eyJ4IjoxfQ=", DisplayName = "wrong padding")]
    [DataRow("+-_/", DisplayName = "url-safe mix")]
    public void Parse_InvalidBase64Payload_Cil1012(string payload)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => DsseEnvelope.Parse(Minimal.Replace("eyJ4IjoxfQ==", payload)));

        Assert.AreEqual("CIL1012", e.Code);
    }

    [TestMethod]
    public void Parse_UrlSafeBase64_RejectedUnlessLenient()
    {
        // 0xFB 0xFF encodes to "+/8=" in standard and "-_8" in URL-safe unpadded base64.
        var json = Minimal.Replace("\"sig\":\"AQID\"", "\"sig\":\"-_8\"");

        Assert.AreEqual("CIL1012", Assert.ThrowsExactly<CilockException>(() => DsseEnvelope.Parse(json)).Code);
        CollectionAssert.AreEqual(new byte[] { 0xFB, 0xFF }, DsseEnvelope.Parse(json, lenient: true).Signatures[0].Signature);
    }

    [TestMethod]
    [DataRow("""{"payload":"","payloadType":"t","signatures":[]}""", "CIL1013", DisplayName = "empty signatures")]
    [DataRow("""{"payload":"","payloadType":"t"}""", "CIL1013", DisplayName = "no signatures member")]
    [DataRow("""{"payload":"","payloadType":"t","signatures":null}""", "CIL1013", DisplayName = "null signatures")]
    [DataRow("""{"payload":"","payloadType":"t","signatures":{}}""", "CIL1011", DisplayName = "signatures object")]
    [DataRow("""{"payload":"","signatures":[{"sig":""}]}""", "CIL1011", DisplayName = "no payloadType")]
    [DataRow("""{"payloadType":"t","signatures":[{"sig":""}]}""", "CIL1011", DisplayName = "no payload")]
    [DataRow("""{"payload":1,"payloadType":"t","signatures":[{"sig":""}]}""", "CIL1011", DisplayName = "payload number")]
    [DataRow("""{"payload":"","payloadType":"t","signatures":[{"keyid":"k"}]}""", "CIL1011", DisplayName = "no sig")]
    [DataRow("""{"payload":"","payloadType":"t","signatures":["x"]}""", "CIL1011", DisplayName = "signature string")]
    [DataRow("""{"payload":"","payloadType":"t","signatures":[{"sig":"","intermediates":"x"}]}""", "CIL1011", DisplayName = "intermediates string")]
    [DataRow("""[1]""", "CIL1011", DisplayName = "array")]
    [DataRow("""{"payload":""", "CIL1011", DisplayName = "truncated")]
    [DataRow("""{"payload":"","payloadType":"t","signatures":[{"sig":""}]} {}""", "CIL1011", DisplayName = "two documents")]
    [DataRow("", "CIL1011", DisplayName = "empty")]
    public void Parse_Malformed_CodedError(string json, string code)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => DsseEnvelope.Parse(json));

        Assert.AreEqual(code, e.Code, e.Message);
    }

    [TestMethod]
    public void Parse_Utf8BomAndUnknownMembers_Accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Minimal.Replace("{\"payload\"", "{\"extra\":[1,2],\"payload\""))).ToArray();

        Assert.AreEqual("k1", DsseEnvelope.Parse(bytes).Signatures[0].KeyId);
    }

    [TestMethod]
    public void Parse_UnknownTimestampType_Dropped()
    {
        var json = Minimal.Replace("\"sig\":\"AQID\"", "\"sig\":\"AQID\",\"timestamps\":[{\"type\":\"other\",\"data\":\"AA==\"},{\"type\":\"tsp\",\"data\":\"AQ==\"}]");

        var timestamps = DsseEnvelope.Parse(json).Signatures[0].Timestamps;

        Assert.HasCount(1, timestamps);
        CollectionAssert.AreEqual(new byte[] { 1 }, timestamps[0]);
    }

    [TestMethod]
    public void ReadJsonLines_BlankLinesAndCrLf_OneEnvelopePerLine()
    {
        var text = Minimal + "\r\n\r\n" + Minimal.Replace("k1", "k2") + "\n";

        var envelopes = DsseEnvelope.ReadJsonLines(text);

        Assert.HasCount(2, envelopes);
        Assert.AreEqual("k2", envelopes[1].Signatures[0].KeyId);
    }

    [TestMethod]
    public void ReadJsonLines_BadLine_ErrorNamesLineNumber()
    {
        var text = Minimal + "\n\n{\"payload\":\"!!\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"\"}]}\n";

        var e = Assert.ThrowsExactly<CilockException>(() => DsseEnvelope.ReadJsonLines(text));

        Assert.AreEqual("CIL1012", e.Code);
        StringAssert.StartsWith(e.Message, "line 3: ");
    }
}

using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Dsse;

namespace Cilock.Attestation.Tests.Dsse;

[TestClass]
public sealed class PaeTests
{
    [TestMethod]
    public void Encode_WorkedVector_MatchesSpec()
    {
        var pae = Pae.Encode("application/vnd.in-toto+json", "{\"x\":1}"u8);

        Assert.AreEqual("DSSEv1 28 application/vnd.in-toto+json 7 {\"x\":1}", Encoding.UTF8.GetString(pae));
        Assert.AreEqual("0736bfa7b1e49385b8523a26ac67e8817c6ebc8ac17e79e6127e7bae2b58916f", Convert.ToHexStringLower(SHA256.HashData(pae)));
    }

    [TestMethod]
    [DataRow("https://witness.testifysec.com/policy/v0.1", 42)]
    [DataRow("https://aflock.ai/policy/v0.1", 29)]
    [DataRow("application/ü", 14)]
    public void Encode_PayloadType_LengthIsUtf8ByteCount(string payloadType, int expectedLength)
    {
        var pae = Encoding.UTF8.GetString(Pae.Encode(payloadType, []));

        Assert.AreEqual($"DSSEv1 {expectedLength} {payloadType} 0 ", pae);
    }

    [TestMethod]
    public void Encode_BinaryPayload_CopiedVerbatimWithByteLength()
    {
        byte[] payload = [0x00, 0xFF, 0x0A, 0x20];

        var pae = Pae.Encode("t", payload);

        CollectionAssert.AreEqual("DSSEv1 1 t 4 "u8.ToArray().Concat(payload).ToArray(), pae);
    }
}

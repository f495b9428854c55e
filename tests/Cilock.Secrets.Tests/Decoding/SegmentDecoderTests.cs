using Cilock.Secrets.Decoding;

namespace Cilock.Secrets.Tests.Decoding;

[TestClass]
public sealed class SegmentDecoderTests
{
    [TestMethod]
    public void Find_StandardBase64_DecodesText()
    {
        var segments = SegmentDecoder.Find("x = \"" + TestSecrets.Base64("hello secret world") + "\";");
        var segment = segments.Single(s => s.Encoding == "base64");
        Assert.AreEqual("hello secret world", segment.Decoded);
        Assert.AreEqual(5, segment.Start);
    }

    [TestMethod]
    public void Find_UrlSafeUnpaddedBase64_DecodesText()
    {
        const string encoded = "Pz8_Pj4-fn5-Pz8_Pj4-"; // "???>>>~~~???>>>" in the URL-safe alphabet, unpadded
        Assert.AreEqual("???>>>~~~???>>>", SegmentDecoder.Find("v: " + encoded).Single(s => s.Encoding == "base64").Decoded);
    }

    [TestMethod]
    public void Find_Hex_DecodesText() =>
        Assert.AreEqual("password=hunter22", SegmentDecoder.Find("v " + TestSecrets.Hex("password=hunter22") + " ").Single(s => s.Encoding == "hex").Decoded);

    [TestMethod]
    public void Find_PercentRun_DecodesWholeToken() =>
        Assert.AreEqual("u=a /:b", SegmentDecoder.Find("x u=a%20%2F%3Ab end").Single(s => s.Encoding == "url").Decoded);

    [TestMethod]
    [DataRow("ab%20cd%20ef", "url")] // only two consecutive triplets
    [DataRow("x 706173733d3132 y", "hex")] // hex text shorter than 16 characters
    [DataRow("x aGVsbG8gd29y y", "base64")] // base64 run shorter than 15 characters
    public void Find_BelowThresholds_NoSegment(string text, string encoding) =>
        Assert.IsEmpty(SegmentDecoder.Find(text).Where(s => s.Encoding == encoding));

    [TestMethod]
    public void Find_BinaryPayloads_AreDropped()
    {
        // A sha256 in hex and a random base64 blob decode to binary: no rule can match them, so they are not scanned.
        var text = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 " + Convert.ToBase64String(new byte[] { 0, 1, 2, 250, 251, 252, 3, 4, 5, 6, 7, 8, 9, 10, 11 });
        Assert.IsEmpty(SegmentDecoder.Find(text));
    }

    [TestMethod]
    public void Find_IdentifierGluedToBase64_FindsThePiece()
    {
        var encoded = TestSecrets.Base64("token: value-that-is-long");
        var segment = SegmentDecoder.Find("prefix_" + encoded).Single(s => s.Encoding == "base64");
        Assert.AreEqual("token: value-that-is-long", segment.Decoded);
    }
}

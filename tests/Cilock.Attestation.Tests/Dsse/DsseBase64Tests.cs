using Cilock.Attestation.Dsse;

namespace Cilock.Attestation.Tests.Dsse;

[TestClass]
public sealed class DsseBase64Tests
{
    [TestMethod]
    public void TryDecode_RandomBytesWithLineBreaks_RoundTrip()
    {
        var random = new Random(20240219);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var text = Convert.ToBase64String(bytes);
            var broken = string.Concat(text.Select(c => random.Next(10) == 0 ? (random.Next(2) == 0 ? "\r\n" : "\n") + c : c.ToString()));

            Assert.IsTrue(DsseBase64.TryDecode(broken, lenient: false, out var decoded), broken);
            CollectionAssert.AreEqual(bytes, decoded);
        }
    }

    [TestMethod]
    public void TryDecode_RandomBytesUrlSafeUnpadded_OnlyWhenLenient()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 100)];
            random.NextBytes(bytes);
            var urlSafe = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var standard = Convert.ToBase64String(bytes);

            Assert.IsTrue(DsseBase64.TryDecode(urlSafe, lenient: true, out var decoded));
            CollectionAssert.AreEqual(bytes, decoded);
            Assert.AreEqual(urlSafe == standard, DsseBase64.TryDecode(urlSafe, lenient: false, out _), urlSafe);
        }
    }

    [TestMethod]
    [DataRow("====")]
    [DataRow("A===")]
    [DataRow("AA=A")]
    [DataRow("AAAA ")]
    [DataRow("AAA\u00e9")]
    public void TryDecode_Invalid_False(string text)
    {
        Assert.IsFalse(DsseBase64.TryDecode(text, lenient: false, out _));
    }
}

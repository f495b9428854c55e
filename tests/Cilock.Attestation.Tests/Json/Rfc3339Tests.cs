using Cilock.Attestation.Json;

namespace Cilock.Attestation.Tests.Json;

[TestClass]
public sealed class Rfc3339Tests
{
    [TestMethod]
    public void Format_TrimsTrailingZerosAndUsesZ()
    {
        Assert.AreEqual("2026-11-24T10:00:00.2Z", Rfc3339.Format(new DateTimeOffset(2026, 11, 24, 10, 0, 0, 200, TimeSpan.Zero)));
        Assert.AreEqual("2026-11-24T10:00:00Z", Rfc3339.Format(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(2))));
    }

    [TestMethod]
    [DataRow("2024-02-19T18:44:57.624055Z", 2024, 18, 44, 57)]
    [DataRow("2026-05-29T02:02:03.410506123-05:00", 2026, 7, 2, 3)]
    [DataRow("2026-05-29t02:02:03z", 2026, 2, 2, 3)]
    public void TryParse_Rfc3339Variants_ParsesToUtc(string text, int year, int hourUtc, int minute, int second)
    {
        Assert.IsTrue(Rfc3339.TryParse(text, out var value));
        var utc = value.UtcDateTime;
        Assert.AreEqual((year, hourUtc, minute, second), (utc.Year, utc.Hour, utc.Minute, utc.Second));
    }

    [TestMethod]
    [DataRow("2024-02-19 18:44:57Z")]
    [DataRow("2024-02-19T18:44:57")]
    [DataRow("2024-02-19T18:44:57.1234567890Z")]
    [DataRow("2024-13-19T18:44:57Z")]
    public void TryParse_NotRfc3339_Fails(string text) => Assert.IsFalse(Rfc3339.TryParse(text, out _));
}

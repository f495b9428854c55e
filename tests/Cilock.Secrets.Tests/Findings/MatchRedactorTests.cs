using Cilock.Secrets.Findings;

namespace Cilock.Secrets.Tests.Findings;

[TestClass]
public sealed class MatchRedactorTests
{
    [TestMethod]
    [DataRow("", "[SENSITIVE-VALUE]")]
    [DataRow("abc", "[SENSITIVE-VALUE]")]
    [DataRow("12345678", "[SENSITIVE-VALUE]")]
    [DataRow("123456789", "12345678...")]
    [DataRow("ghp_R8bXq2Lm9Kp4TzWv7YnH3cJd6FsA1gE0uQxB", "ghp_R8bX...")]
    [DataRow("[SENSITIVE-VALUE]", "[SENSITI...")]
    public void Truncate_AppliesCilockRule(string match, string expected) =>
        Assert.AreEqual(expected, MatchRedactor.Truncate(match));

    [TestMethod]
    [DataRow("aaaa", 0.0)]
    [DataRow("abab", 1.0)]
    [DataRow("abcd", 2.0)]
    public void ShannonEntropy_KnownValues(string value, double expected) =>
        Assert.AreEqual(expected, ShannonEntropy.Of(value), 1e-9);
}

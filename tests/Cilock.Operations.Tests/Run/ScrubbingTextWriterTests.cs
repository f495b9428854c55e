using Cilock.Operations.Run;

namespace Cilock.Operations.Tests.Run;

[TestClass]
public sealed class ScrubbingTextWriterTests
{
    private const string Secret = "ghp_secretvalue123";

    [TestMethod]
    public void Write_WholeSecret_IsMasked()
    {
        using var inner = new StringWriter();
        var writer = new ScrubbingTextWriter(inner, [Secret]);

        writer.Write($"token={Secret}\n");
        writer.Complete();

        Assert.AreEqual("token=******\n", inner.ToString());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    [DataRow(10)]
    [DataRow(17)]
    public void Write_SecretSplitAcrossWrites_IsMasked(int split)
    {
        using var inner = new StringWriter();
        var writer = new ScrubbingTextWriter(inner, [Secret]);
        var text = $"a {Secret} b";
        var cut = 2 + split;

        writer.Write(text[..cut]);
        Assert.AreEqual("a ", inner.ToString(), "a possible start of a secret must be held back");
        writer.Write(text[cut..]);
        writer.Complete();

        Assert.AreEqual("a ****** b", inner.ToString());
    }

    [TestMethod]
    public void Write_OrdinaryText_PassesThroughImmediately()
    {
        using var inner = new StringWriter();
        var writer = new ScrubbingTextWriter(inner, [Secret]);

        writer.Write("progress 10%");

        Assert.AreEqual("progress 10%", inner.ToString(), "no line buffering for text that cannot start a secret");
    }

    [TestMethod]
    public void Complete_HeldBackPrefixThatNeverCompleted_IsReleased()
    {
        using var inner = new StringWriter();
        var writer = new ScrubbingTextWriter(inner, [Secret]);

        writer.Write("ends with ghp_");
        Assert.AreEqual("ends with ", inner.ToString());
        writer.Complete();

        Assert.AreEqual("ends with ghp_", inner.ToString());
    }

    [TestMethod]
    public void Write_NoSecrets_IsTransparent()
    {
        using var inner = new StringWriter();
        var writer = new ScrubbingTextWriter(inner, []);

        writer.Write('x');
        writer.Write("yz".ToCharArray(), 0, 2);
        writer.Complete();

        Assert.AreEqual("xyz", inner.ToString());
    }

    [TestMethod]
    public void Dispose_HeldBackPrefix_IsReleased()
    {
        using var inner = new StringWriter();
        using (var writer = new ScrubbingTextWriter(inner, [Secret]))
        {
            writer.Write("ends with ghp_sec");
            Assert.AreEqual("ends with ", inner.ToString());
        }

        Assert.AreEqual("ends with ghp_sec", inner.ToString());
    }
}

using Cilock.Secrets.Redaction;
using Cilock.Secrets.Scanning;

namespace Cilock.Secrets.Tests.Redaction;

[TestClass]
public sealed class LiveRedactingWriterTests
{
    private static readonly SecretScanner Scanner = new();

    private static string Marker => $"[REDACTED:github-pat:sha256={TestSecrets.Sha256(TestSecrets.GitHubPat)[..8]}]";

    [TestMethod]
    public void Write_TokenSplitAcrossWrites_NeverPassedOnRaw()
    {
        using var inner = new StringWriter();
        var writer = new LiveRedactingWriter(inner, Scanner);

        writer.Write("start\ntoken " + TestSecrets.GitHubPat[..10]);
        writer.Flush();
        Assert.AreEqual("start\n", inner.ToString(), "a partial line waits, even across Flush");
        writer.Write(TestSecrets.GitHubPat[10..] + " ok\nnext");
        Assert.AreEqual($"start\ntoken {Marker} ok\n", inner.ToString());

        writer.Complete();
        Assert.AreEqual($"start\ntoken {Marker} ok\nnext", inner.ToString());
        Assert.AreEqual(1, writer.RedactedCount);
    }

    [TestMethod]
    public void Write_CleanOutput_PassedOnUnchangedLineByLine()
    {
        using var inner = new StringWriter();
        var writer = new LiveRedactingWriter(inner, Scanner);

        foreach (var c in "a=1\nb=2\n")
        {
            writer.Write(c);
        }

        Assert.AreEqual("a=1\nb=2\n", inner.ToString());
        Assert.AreEqual(0, writer.RedactedCount);
    }

    [TestMethod]
    public void Write_LongLineWithoutNewline_ReleasedAtHoldLimit()
    {
        using var inner = new StringWriter();
        var writer = new LiveRedactingWriter(inner, Scanner);

        writer.Write(new string('x', LiveRedactingWriter.MaxHeldChars + 1));

        Assert.AreEqual(LiveRedactingWriter.MaxHeldChars + 1, inner.ToString().Length);
    }

    [TestMethod]
    public void Dispose_PartialLineWithToken_IsRedactedAndReleased()
    {
        using var inner = new StringWriter();
        using (var writer = new LiveRedactingWriter(inner, Scanner))
        {
            writer.Write("token " + TestSecrets.GitHubPat);
            Assert.AreEqual("", inner.ToString());
        }

        Assert.AreEqual($"token {Marker}", inner.ToString());
    }
}

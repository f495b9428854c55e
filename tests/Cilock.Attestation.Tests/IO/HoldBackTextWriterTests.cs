using System.Text;
using Cilock.Attestation.IO;

namespace Cilock.Attestation.Tests.IO;

[TestClass]
public sealed class HoldBackTextWriterTests
{
    private const string Secret = "SECRET";

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(5)]
    [DataRow(7)]
    [DataRow(64)]
    public void Write_ChunkedAcrossBoundaries_SecretNeverLeaks(int chunk)
    {
        using var inner = new StringWriter();
        var writer = new LineMaskingWriter(inner);
        const string text = "a SECRET b\nxSECRETy SECRET\n\ntail SECRET";

        for (var i = 0; i < text.Length; i += chunk)
        {
            writer.Write(text.AsSpan(i, Math.Min(chunk, text.Length - i)));
            Assert.DoesNotContain("SEC", inner.ToString(), "a partial line (maybe half a secret) must be held back");
        }

        Assert.AreEqual("a *** b\nx***y ***\n\n", inner.ToString());
        writer.Complete();
        Assert.AreEqual("a *** b\nx***y ***\n\ntail ***", inner.ToString());
    }

    [TestMethod]
    public void Write_EveryOverload_GoesThroughThePolicy()
    {
        using var inner = new StringWriter();
        var writer = new LineMaskingWriter(inner);

        writer.Write('S');
        writer.Write("ECR".ToCharArray(), 0, 3);
        writer.Write("ET".AsSpan());
        writer.WriteLine(" 1");
        writer.Write($"{Secret} {2}\n");

        Assert.AreEqual("*** 1" + Environment.NewLine + "*** 2\n", inner.ToString());
    }

    [TestMethod]
    public void Flush_HeldTail_IsNotReleased()
    {
        using var inner = new StringWriter();
        var writer = new LineMaskingWriter(inner);

        writer.Write("done\nSEC");
        writer.Flush();

        Assert.AreEqual("done\n", inner.ToString(), "pumps flush after every read; releasing then would split a secret");
        writer.Write("RET\n");
        Assert.AreEqual("done\n***\n", inner.ToString());
    }

    [TestMethod]
    public void Dispose_HeldTail_IsReleasedAndInnerStaysOpen()
    {
        using var inner = new StringWriter();
        using (var writer = new LineMaskingWriter(inner))
        {
            writer.Write("last SECRET");
            Assert.AreEqual("", inner.ToString());
        }

        Assert.AreEqual("last ***", inner.ToString());
        inner.Write("!");
        Assert.AreEqual("last ***!", inner.ToString(), "the inner writer is not owned and must not be closed");
    }

    [TestMethod]
    public void Complete_Twice_ReleasesOnce()
    {
        using var inner = new StringWriter();
        var writer = new LineMaskingWriter(inner);

        writer.Write("x");
        writer.Complete();
        writer.Complete();

        Assert.AreEqual("x", inner.ToString());
    }

    [TestMethod]
    public void Write_ConcurrentWriters_LinesStayWholeAndDrainsNeverOverlap()
    {
        using var inner = new StringWriter();
        var writer = new LineMaskingWriter(inner);
        const int Threads = 8;
        const int Lines = 300;

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = 0; i < Lines; i++)
            {
                writer.Write($"t{t}-{i} {Secret}\n");
            }
        });
        writer.Complete();

        var lines = inner.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(Threads * Lines, lines);
        Assert.IsTrue(lines.All(l => l.EndsWith(" ***", StringComparison.Ordinal)), "every line arrives whole and masked");
        Assert.AreEqual(Threads * Lines, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.AreEqual(1, writer.MaxConcurrentDrains);
    }

    [TestMethod]
    public void Constructor_NullInner_Throws() =>
        Assert.ThrowsExactly<ArgumentNullException>(() => new LineMaskingWriter(null!));

    /// <summary>A test policy: releases complete lines only, with every <see cref="Secret"/> masked.</summary>
    private sealed class LineMaskingWriter(TextWriter inner) : HoldBackTextWriter(inner)
    {
        private int _active;

        internal int MaxConcurrentDrains { get; private set; }

        protected override void Drain(StringBuilder pending, bool final)
        {
            var active = Interlocked.Increment(ref _active);
            MaxConcurrentDrains = Math.Max(MaxConcurrentDrains, active);
            try
            {
                var text = pending.ToString();
                var length = final ? text.Length : text.LastIndexOf('\n') + 1;
                Thread.SpinWait(20);
                Inner.Write(text[..length].Replace(Secret, "***", StringComparison.Ordinal));
                pending.Remove(0, length);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }
    }
}

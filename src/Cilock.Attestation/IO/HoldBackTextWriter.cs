using System.Text;

namespace Cilock.Attestation.IO;

/// <summary>
/// A <see cref="TextWriter"/> that filters streamed text before passing it on, holding back a tail that may still
/// change meaning when more text arrives (the first half of a secret, a partial line). Every write appends to one
/// pending buffer under a lock and calls <see cref="Drain"/>, the only policy a subclass supplies; so concurrent
/// writers (stdout and stderr pumps, a cancellation calling <see cref="Complete"/>) never interleave inside a drain.
/// <see cref="Flush"/> flushes the inner writer but does NOT release held text: output pumps flush after every read,
/// and releasing then would pass on a split secret. <see cref="Complete"/> (or disposing) releases the tail.
/// The inner writer is not owned: it is neither closed nor disposed.
/// </summary>
public abstract class HoldBackTextWriter : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The writer that receives the filtered text.</param>
    protected HoldBackTextWriter(TextWriter inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The writer that receives the filtered text.</summary>
    protected TextWriter Inner { get; }

    /// <inheritdoc />
    public override Encoding Encoding => Inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            Drain(_pending, final: false);
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            _pending.Append(buffer, index, count);
            Drain(_pending, final: false);
        }
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            _pending.Append(buffer);
            Drain(_pending, final: false);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            Drain(_pending, final: false);
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
        {
            Inner.Flush();
        }
    }

    /// <summary>Releases (filtered) whatever is still held back: the stream has ended, nothing can complete any more.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            Drain(_pending, final: true);
            Inner.Flush();
        }
    }

    /// <summary>
    /// The policy: writes to <see cref="Inner"/> what may be released from the start of <paramref name="pending"/> and
    /// removes it; what stays in <paramref name="pending"/> is held until the next write. Called under the lock.
    /// </summary>
    /// <param name="pending">Everything written and not yet released, in order.</param>
    /// <param name="final">True when nothing more will arrive: everything must be released.</param>
    protected abstract void Drain(StringBuilder pending, bool final);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Complete();
        }

        base.Dispose(disposing);
    }
}

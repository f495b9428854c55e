using System.Text;
using Cilock.Attestation.Attestors.Environment;

namespace Cilock.Operations.Run;

/// <summary>
/// Streams the wrapped command's output to the terminal with the values of sensitive environment variables masked,
/// as CI systems mask secrets in logs. Output is passed on as soon as it arrives, except a trailing fragment that
/// could be the start of a secret split across two reads; that fragment waits for the next write (or the end).
/// </summary>
internal sealed class ScrubbingTextWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly IReadOnlyList<string> _secrets;
    private readonly StringBuilder _pending = new();

    // The output pumps may still be writing when the run is cancelled and Complete() is called.
    private readonly Lock _gate = new();

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="secrets"/> are the values to mask.</summary>
    public ScrubbingTextWriter(TextWriter inner, IReadOnlyList<string> secrets)
    {
        _inner = inner;
        _secrets = secrets;
    }

    /// <inheritdoc />
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            Drain(final: false);
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            _pending.Append(buffer, index, count);
            Drain(final: false);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            Drain(final: false);
        }
    }

    /// <inheritdoc />
    public override void Flush() => _inner.Flush();

    /// <summary>Writes whatever is still held back (the command has ended, so no secret can complete any more).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            Drain(final: true);
            _inner.Flush();
        }
    }

    private void Drain(bool final)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        var text = EnvironmentCapturer.Scrub(_pending.ToString(), _secrets);
        var hold = final ? 0 : HeldBackLength(text);
        _inner.Write(text.AsSpan(0, text.Length - hold));
        _pending.Clear();
        _pending.Append(text, text.Length - hold, hold);
    }

    /// <summary>The length of the longest suffix of <paramref name="text"/> that is a proper prefix of a secret.</summary>
    private int HeldBackLength(string text)
    {
        var hold = 0;
        foreach (var secret in _secrets)
        {
            for (var k = Math.Min(secret.Length - 1, text.Length); k > hold; k--)
            {
                if (text.AsSpan(text.Length - k).SequenceEqual(secret.AsSpan(0, k)))
                {
                    hold = k;
                    break;
                }
            }
        }

        return hold;
    }
}

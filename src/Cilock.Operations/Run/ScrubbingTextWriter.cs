using System.Text;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.IO;

namespace Cilock.Operations.Run;

/// <summary>
/// Streams the wrapped command's output to the terminal with the values of sensitive environment variables masked,
/// as CI systems mask secrets in logs. Output is passed on as soon as it arrives, except a trailing fragment that
/// could be the start of a secret split across two reads; that fragment waits for the next write (or the end).
/// </summary>
internal sealed class ScrubbingTextWriter : HoldBackTextWriter
{
    private readonly IReadOnlyList<string> _secrets;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="secrets"/> are the values to mask.</summary>
    public ScrubbingTextWriter(TextWriter inner, IReadOnlyList<string> secrets)
        : base(inner)
    {
        _secrets = secrets;
    }

    /// <inheritdoc />
    protected override void Drain(StringBuilder pending, bool final)
    {
        if (pending.Length == 0)
        {
            return;
        }

        var text = EnvironmentCapturer.Scrub(pending.ToString(), _secrets);
        var hold = final ? 0 : HeldBackLength(text);
        Inner.Write(text.AsSpan(0, text.Length - hold));
        pending.Clear();
        pending.Append(text, text.Length - hold, hold);
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

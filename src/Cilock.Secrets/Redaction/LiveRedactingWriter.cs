using System.Text;
using Cilock.Attestation.IO;
using Cilock.Secrets.Scanning;

namespace Cilock.Secrets.Redaction;

/// <summary>
/// The live terminal copy of a command's output with rule-based secret redaction: output is scanned line by line
/// (a block of complete lines per write) and every finding is replaced by its marker before it is passed on.
/// A trailing partial line is held back until its newline arrives, the held text exceeds
/// <see cref="MaxHeldChars"/>, or <see cref="HoldBackTextWriter.Complete"/> is called, so a token split across two reads is still seen
/// whole. Multi-line secrets (PEM keys) are caught when they arrive in one read; <see cref="HoldBackTextWriter.Flush"/> does not release
/// held text (the output pumps flush after every read); disposing does, like <see cref="HoldBackTextWriter.Complete"/>.
/// </summary>
public sealed class LiveRedactingWriter : HoldBackTextWriter
{
    /// <summary>A partial line longer than this is scanned and written without waiting for its newline.</summary>
    public const int MaxHeldChars = 64 * 1024;

    private readonly SecretScanner _scanner;
    private readonly string _location;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The terminal (or any writer) that receives redacted text.</param>
    /// <param name="scanner">The scanner (its rules and sensitive environment values).</param>
    /// <param name="location">The location name used while scanning (never shown).</param>
    public LiveRedactingWriter(TextWriter inner, SecretScanner scanner, string location = "terminal")
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        _scanner = scanner;
        _location = location;
    }

    /// <summary>How many distinct texts were redacted so far (for tests and summaries).</summary>
    public int RedactedCount { get; private set; }

    /// <inheritdoc />
    protected override void Drain(StringBuilder pending, bool final)
    {
        var length = pending.Length;
        if (!final && length <= MaxHeldChars)
        {
            // Release up to the last newline only: the rest may be the first half of a token.
            length = LastIndexOf(pending, '\n') + 1;
        }

        if (length == 0)
        {
            return;
        }

        var block = pending.ToString(0, length);
        pending.Remove(0, length);
        var result = _scanner.Scan(block, _location);
        if (result.Redactions.Count > 0)
        {
            var redactor = new SecretRedactor(result.Redactions);
            RedactedCount += redactor.Count;
            block = redactor.Redact(block);
        }

        Inner.Write(block);
    }

    private static int LastIndexOf(StringBuilder builder, char c)
    {
        for (var i = builder.Length - 1; i >= 0; i--)
        {
            if (builder[i] == c)
            {
                return i;
            }
        }

        return -1;
    }
}

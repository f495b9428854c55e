using System.Text.Encodings.Web;

namespace Cilock.Attestation.Json;

/// <summary>
/// A <see cref="JavaScriptEncoder"/> for <c>Utf8JsonWriter</c> that escapes exactly what Go's <c>encoding/json</c>
/// escapes (<see cref="GoJsonEscapes"/>). The BCL encoders differ in bytes, not meaning: they also escape <c>+</c> and
/// <c>'</c> and write upper-case hex (<c>\u003C</c>), so a statement re-marshalled by Go would not match ours.
/// </summary>
internal sealed class GoJsonEncoder : JavaScriptEncoder
{
    /// <summary>The single instance (the encoder is stateless).</summary>
    public static readonly GoJsonEncoder Instance = new();

    private GoJsonEncoder()
    {
    }

    /// <inheritdoc />
    public override int MaxOutputCharactersPerInputCharacter => GoJsonEscapes.MaxEscapeLength;

    /// <inheritdoc />
    public override bool WillEncode(int unicodeScalar) => GoJsonEscapes.NeedsEscape(unicodeScalar);

    /// <inheritdoc />
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            if (GoJsonEscapes.NeedsEscape(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        var escape = GoJsonEscapes.Escape(unicodeScalar);
        if (escape is null)
        {
            // Not escaped: write the scalar itself (two UTF-16 units outside the BMP).
            if (!new System.Text.Rune(unicodeScalar).TryEncodeToUtf16(output, out numberOfCharactersWritten))
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            return true;
        }

        if (!escape.AsSpan().TryCopyTo(output))
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        numberOfCharactersWritten = escape.Length;
        return true;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>Reads Go <c>time.Time</c> JSON (RFC 3339, 0–9 fractional digits, Z or offset); writes RFC 3339 UTC.</summary>
internal sealed class Rfc3339JsonConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a time must be an RFC 3339 string");
        }

        var text = reader.GetString()!;
        return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an RFC 3339 time");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(Format(value.Value));
        }
    }

    /// <summary>Formats as RFC 3339 UTC without fractional seconds (what a human writes in a policy).</summary>
    internal static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses RFC 3339: date, <c>T</c>, time with optional fraction (any digits), <c>Z</c> or ±hh:mm.</summary>
    internal static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || (text[10] != 'T' && text[10] != 't'))
        {
            return false;
        }

        // .NET accepts at most 7 fractional digits; Go writes up to 9, so trim the excess before parsing.
        var dot = text.IndexOf('.', 19);
        var normalized = text;
        if (dot == 19)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end == dot + 1)
            {
                return false;
            }

            var digits = text[(dot + 1)..end];
            normalized = text[..dot] + "." + (digits.Length > 7 ? digits[..7] : digits) + text[end..];
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"];
        return DateTimeOffset.TryParseExact(
            normalized.Replace('t', 'T').Replace('z', 'Z'),
            formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out value);
    }
}

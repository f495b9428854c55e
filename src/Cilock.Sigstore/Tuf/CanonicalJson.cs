using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cilock.Sigstore.Tuf;

/// <summary>
/// OLPC canonical JSON as TUF signs it (python-securesystemslib / go-tuf): object members sorted by name, no
/// whitespace, strings escaping only <c>"</c> and <c>\</c>, integers only.
/// </summary>
internal static class CanonicalJson
{
    public static byte[] Encode(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(builder, element);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Write(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, property.Name);
                    builder.Append(':');
                    Write(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            case JsonValueKind.Number:
                builder.Append(element.TryGetInt64(out var number)
                    ? number.ToString(CultureInfo.InvariantCulture)
                    : throw new FormatException("canonical JSON allows integers only"));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new FormatException($"unexpected JSON value {element.ValueKind}");
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }
}

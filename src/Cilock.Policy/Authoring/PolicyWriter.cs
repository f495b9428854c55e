using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cilock.Policy.Model;

namespace Cilock.Policy.Authoring;

/// <summary>Writes policy JSON for humans (indented, absent members omitted, HTML-safe escaping off).</summary>
public static class PolicyWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes a policy to UTF-8 JSON with a trailing newline.</summary>
    public static byte[] Serialize(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. JsonSerializer.SerializeToUtf8Bytes(policy, Options), (byte)'\n'];
    }
}

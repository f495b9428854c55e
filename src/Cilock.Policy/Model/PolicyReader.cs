using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;

namespace Cilock.Policy.Model;

/// <summary>Parses policy JSON the way Go binds it: case-insensitive members, unknown members ignored, last duplicate wins.</summary>
public static class PolicyReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>Parses policy bytes (UTF-8 JSON object).</summary>
    /// <exception cref="CilockException">CIL3002 when the bytes are not a policy object.</exception>
    public static PolicyDocument Parse(ReadOnlySpan<byte> json, string? source = null)
    {
        try
        {
            if (json.StartsWith(Encoding.UTF8.Preamble))
            {
                json = json[Encoding.UTF8.Preamble.Length..];
            }

            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CilockException(PolicyDiagnostics.PolicyMalformed, $"{Where(source)}the policy must be a JSON object");
            }

            return doc.RootElement.Deserialize<PolicyDocument>(Options)
                ?? throw new CilockException(PolicyDiagnostics.PolicyMalformed, $"{Where(source)}the policy is null");
        }
        catch (JsonException e)
        {
            var at = e.Path is null ? string.Empty : $" at {e.Path}";
            throw new CilockException(PolicyDiagnostics.PolicyMalformed, $"{Where(source)}the policy is not valid{at}: {FirstLine(e.Message)}", e);
        }
    }

    private static string Where(string? source) => source is null ? string.Empty : $"{source}: ";

    private static string FirstLine(string message)
    {
        var i = message.IndexOfAny(['\r', '\n']);
        return i < 0 ? message : message[..i];
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilock.Sigstore.Bundles;

/// <summary>The protobuf-JSON conventions of Sigstore documents, shared by bundles and trusted roots.</summary>
internal static class BundleJson
{
    /// <summary>camelCase, int64 read from numbers or strings and written as strings, nulls omitted, duplicates refused.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
        AllowDuplicateProperties = false,
        MaxDepth = 32,
        RespectRequiredConstructorParameters = true,
    };
}

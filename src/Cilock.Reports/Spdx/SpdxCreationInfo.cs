using System.Text.Json.Serialization;

namespace Cilock.Reports.Spdx;

/// <summary>SPDX <c>creationInfo</c>: <c>created</c> is <c>YYYY-MM-DDThh:mm:ssZ</c>; creators like <c>Tool: name-version</c>.</summary>
internal sealed record SpdxCreationInfo(
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("creators")] IReadOnlyList<string> Creators);

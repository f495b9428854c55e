using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>One Rego module of a policy: a name and base64 of the source.</summary>
public sealed class RegoPolicyEntry
{
    /// <summary>The module name (used as its file name in errors).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>base64 of the Rego source.</summary>
    [JsonPropertyName("module")]
    public string? Module { get; set; }
}

using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>A cilock AI policy: a prompt evaluated by a model server.</summary>
public sealed class AiPolicyEntry
{
    /// <summary>The policy name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The prompt.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>The model, if pinned.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }
}

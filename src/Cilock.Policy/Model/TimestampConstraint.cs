using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>cilock: bounds on the earliest TSA-verified signing time of a step's collection.</summary>
public sealed class TimestampConstraint
{
    /// <summary>The signing time must not be before this instant.</summary>
    [JsonPropertyName("notBefore")]
    [JsonConverter(typeof(Rfc3339JsonConverter))]
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>The signing time must not be after this instant.</summary>
    [JsonPropertyName("notAfter")]
    [JsonConverter(typeof(Rfc3339JsonConverter))]
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>A Go duration (<c>720h</c>): the signing time must be within this age of now.</summary>
    [JsonPropertyName("maxAge")]
    public string? MaxAge { get; set; }
}

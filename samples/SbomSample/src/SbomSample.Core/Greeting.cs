using Newtonsoft.Json;

namespace SbomSample.Core;

/// <summary>A greeting serialised as JSON.</summary>
public sealed class Greeting
{
    /// <summary>The greeting for <paramref name="name"/> as a JSON object.</summary>
    public string For(string name) => JsonConvert.SerializeObject(new { greeting = $"Hello, {name}!" });
}

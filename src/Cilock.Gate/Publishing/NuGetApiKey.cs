namespace Cilock.Gate.Publishing;

/// <summary>
/// A NuGet API key held in memory. <see cref="ToString"/> never reveals it, so the key cannot leak through string
/// interpolation, records' generated <c>ToString</c> or logging of the request.
/// </summary>
public sealed class NuGetApiKey
{
    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>; an empty value is refused.</summary>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public NuGetApiKey(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>Where the key came from (e.g. <c>environment variable NUGET_API_KEY</c>), for messages.</summary>
    public string Origin { get; init; } = "caller";

    /// <summary>The key itself; only the push code and the scrubber read it.</summary>
    internal string Reveal() => _value;

    /// <inheritdoc />
    public override string ToString() => $"*** (from {Origin})";
}

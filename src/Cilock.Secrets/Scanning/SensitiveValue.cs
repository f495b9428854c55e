using Cilock.Attestation.Attestors.Environment;

namespace Cilock.Secrets.Scanning;

/// <summary>
/// The value of a sensitive environment variable, searched for literally and inside decoded content (the env-value
/// rules of spec attestors.md §9). <see cref="ToString"/> never shows the value.
/// </summary>
public sealed class SensitiveValue
{
    /// <summary>Values shorter than this are not searched (they would match everywhere).</summary>
    public const int MinimumLength = 4;

    /// <summary>Creates a sensitive value.</summary>
    /// <param name="name">The variable name (kept in the rule id).</param>
    /// <param name="value">The value.</param>
    public SensitiveValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
    }

    /// <summary>The variable name.</summary>
    public string Name { get; }

    /// <summary>The secret value.</summary>
    internal string Value { get; }

    /// <summary>
    /// The values (≥ <see cref="MinimumLength"/> characters) of the variables in <paramref name="environment"/> that
    /// <paramref name="capturer"/> treats as sensitive (spec attestors.md §5 rules of the run's dialect).
    /// </summary>
    public static IReadOnlyList<SensitiveValue> FromEnvironment(IReadOnlyDictionary<string, string> environment, EnvironmentCapturer capturer)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(capturer);
        return [.. environment
            .Where(kv => kv.Value.Length >= MinimumLength && capturer.IsSensitive(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SensitiveValue(kv.Key, kv.Value))];
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}=[SENSITIVE-VALUE]";
}

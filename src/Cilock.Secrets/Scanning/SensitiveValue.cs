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
    /// <paramref name="capturer"/> treats as sensitive (spec attestors.md §5 rules of the run's dialect), except path-like
    /// values of names that only the broad globs match.
    /// </summary>
    public static IReadOnlyList<SensitiveValue> FromEnvironment(IReadOnlyDictionary<string, string> environment, EnvironmentCapturer capturer)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(capturer);
        return [.. environment
            .Where(kv => kv.Value.Length >= MinimumLength && IsSearched(kv.Key, kv.Value, capturer))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SensitiveValue(kv.Key, kv.Value))];
    }

    // A name matched only by the broad globs (PATH via "pat", PWD/OLDPWD via "pwd", XAUTHORITY via "auth",
    // *_FILE_PATH …) whose value is a folder, file or search path is masked in the environment attestation but not
    // searched for: those values appear in every build's arguments and outputs, and a finding would fail a clean CI
    // build. Secret-carrying names are always searched, whatever their value looks like.
    private static bool IsSearched(string name, string value, EnvironmentCapturer capturer) =>
        capturer.IsSecretCarrying(name) || (capturer.IsSensitive(name) && !IsPathLike(value));

    // Unix paths and ':'-lists of them; Windows drive paths and ';'-lists of them (whatever the current OS).
    private static bool IsPathLike(string value) =>
        IsWindowsPath(value)
            ? value.Split(';').All(part => part.Length == 0 || IsWindowsPath(part))
            : value.Split(':').All(part => part.Length == 0 || part[0] is '/' or '~' || part.StartsWith("./", StringComparison.Ordinal));

    private static bool IsWindowsPath(string value) =>
        value.Length > 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && value[2] is '\\' or '/';

    /// <inheritdoc />
    public override string ToString() => $"{Name}=[SENSITIVE-VALUE]";
}

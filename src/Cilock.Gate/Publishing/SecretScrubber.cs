namespace Cilock.Gate.Publishing;

/// <summary>Removes secret values from text before it reaches any output (NuGet log messages, exception texts).</summary>
internal sealed class SecretScrubber
{
    internal const string Mask = "***";

    private readonly string[] _secrets;

    internal SecretScrubber(IEnumerable<string?> secrets) =>
        _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    internal static SecretScrubber None { get; } = new([]);

    internal string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _secrets)
        {
            // Case-insensitive: some servers and NuGet messages upper-case header values.
            text = text.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}

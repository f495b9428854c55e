namespace Cilock.Cli.Commands;

/// <summary>Helpers for list-valued options that accept both repetition and commas (<c>-a git,environment</c>).</summary>
internal static class OptionValues
{
    /// <summary>Splits every value on commas, trims, drops empties, keeps order.</summary>
    public static IReadOnlyList<string> SplitList(IEnumerable<string>? values) =>
        values is null
            ? []
            : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
}

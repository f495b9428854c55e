using System.Text.RegularExpressions;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Interop;

/// <summary>
/// Reads expected values straight out of ../shared/spec/*.md, so a vector that changes in the spec (or a test that
/// drifts from it) fails here. Tests using it go Inconclusive when ../shared is absent.
/// </summary>
internal static partial class SpecText
{
    public static string Read(string file) => File.ReadAllText(SharedData.Locate(Path.Combine("spec", file)));

    /// <summary>The first 64-hex value after <paramref name="anchor"/> (skipping shorter hex such as abbreviations).</summary>
    public static string HexAfter(string text, string anchor)
    {
        var at = text.IndexOf(anchor, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, at, $"spec anchor not found: {anchor}");
        var m = Hex64().Match(text, at + anchor.Length);
        Assert.IsTrue(m.Success, $"no 64-hex value after {anchor}");
        return m.Value;
    }

    /// <summary>The markdown table row that starts with <paramref name="firstCell"/>, split into trimmed cells.</summary>
    public static string[] Row(string text, string firstCell)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("| " + firstCell, StringComparison.Ordinal));
        Assert.IsNotNull(line, $"spec table row not found: {firstCell}");
        return [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
    }

    /// <summary>The section of <paramref name="text"/> from the heading starting with <paramref name="heading"/> to the next one of the same level.</summary>
    public static string Section(string text, string heading)
    {
        var start = text.IndexOf("\n" + heading, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"spec section not found: {heading}");
        var level = heading.TakeWhile(c => c == '#').Count();
        var next = text.IndexOf("\n" + new string('#', level) + " ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? text[start..] : text[start..next];
    }

    public static IEnumerable<string> AllHex64(string text) => Hex64().Matches(text).Select(m => m.Value);

    [GeneratedRegex("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")]
    private static partial Regex Hex64();
}

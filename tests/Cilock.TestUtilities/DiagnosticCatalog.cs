using System.Globalization;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Cilock.TestUtilities;

/// <summary>
/// Checks one area's catalog of <c>CILnnnn</c> codes (a static class of string constants) against the rules every
/// area follows: codes are unique, stay in the area's range, and each has exactly one <c>## CILnnnn</c> section in
/// <c>docs/diagnostics.md</c>.
/// </summary>
public static class DiagnosticCatalog
{
    /// <summary>The constant codes declared by <paramref name="catalog"/> (public or not).</summary>
    public static IReadOnlyList<(string Name, string Code)> Codes(Type catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))];
    }

    /// <summary>Asserts the catalog rules for <paramref name="catalog"/> with codes from CIL<paramref name="first"/> to CIL<paramref name="last"/>.</summary>
    public static void AssertWellFormed(Type catalog, int first, int last)
    {
        var codes = Codes(catalog);
        Assert.IsNotEmpty(codes, $"{catalog.Name} declares no codes");
        var duplicates = codes.GroupBy(c => c.Code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.IsEmpty(duplicates, $"{catalog.Name} uses a code twice: {string.Join(", ", duplicates)}");

        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics.md")).ReplaceLineEndings("\n");
        foreach (var (name, code) in codes)
        {
            var inRange = code.Length == 7 && code.StartsWith("CIL", StringComparison.Ordinal)
                && int.TryParse(code.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number >= first && number <= last;
            Assert.IsTrue(inRange, $"{catalog.Name}.{name} = {code} is outside CIL{first}–CIL{last}");

            var heading = $"\n## {code}\n";
            var at = docs.IndexOf(heading, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, at, $"{catalog.Name}.{name} ({code}) has no section in docs/diagnostics.md");
            Assert.AreEqual(at, docs.LastIndexOf(heading, StringComparison.Ordinal), $"{code} is documented twice in docs/diagnostics.md");
        }
    }
}

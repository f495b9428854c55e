using System.Text.RegularExpressions;

namespace Cilock.Hardening.Tests.Interop;

/// <summary>
/// The attestation types Witness v0.10 registers, parsed from the registry table of attestors.md §1 (column "Witness
/// URI (W10 registers)"), expanding the table's shorthand: <c>…witness.dev…/x</c> and <c>…/x</c> mean
/// <c>https://witness.dev/attestations/x</c>, <c>&lt;name&gt;</c> stands for each attestor of the row, and a row
/// marked "yes" registers <c>…/&lt;name&gt;/v0.1</c> (or the version written next to the name).
/// </summary>
internal static partial class WitnessRegistry
{
    private const string Prefix = "https://witness.dev/attestations/";

    public static IReadOnlySet<string> Parse(string attestorsMarkdown)
    {
        var section = SpecText.Section(attestorsMarkdown, "## 1. Registry");
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in section.Split('\n').Where(l => l.StartsWith('|') && !l.StartsWith("| attestor", StringComparison.Ordinal) && !l.StartsWith("|---", StringComparison.Ordinal)))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var names = cells[0].Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
            var w10 = cells[1];
            if (w10.StartsWith("**no**", StringComparison.Ordinal))
            {
                continue;
            }

            if (w10 == "yes")
            {
                foreach (var name in names)
                {
                    var m = VersionedName().Match(name);
                    types.Add(m.Success ? $"{Prefix}{m.Groups[1].Value}/{m.Groups[2].Value}" : $"{Prefix}{name}/v0.1");
                }

                continue;
            }

            foreach (Match uri in Code().Matches(w10))
            {
                var value = uri.Groups[1].Value;
                if (value.StartsWith("https://", StringComparison.Ordinal))
                {
                    types.Add(value);
                    continue;
                }

                var path = value.Replace("…witness.dev…/", "", StringComparison.Ordinal).Replace("…/", "", StringComparison.Ordinal);
                if (path.Contains("<name>", StringComparison.Ordinal))
                {
                    foreach (var name in names)
                    {
                        types.Add(Prefix + path.Replace("<name>", name, StringComparison.Ordinal));
                    }
                }
                else
                {
                    types.Add(Prefix + path);
                }
            }
        }

        // The note under the table: omnitrail is registered on non-Windows builds.
        if (section.Contains("`omnitrail` (`…/omnitrail/v0.1`)", StringComparison.Ordinal))
        {
            types.Add(Prefix + "omnitrail/v0.1");
        }

        return types;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^([a-z0-9-]+) \((v[0-9.]+)\)$")]
    private static partial Regex VersionedName();
}

using System.Text.RegularExpressions;

namespace Cilock.Reports.Sarif;

/// <summary>
/// Removes machine paths from free text (SARIF messages, command lines, test stack traces): the repository root
/// becomes relative, each named root (the NuGet package folder, the .NET installation) becomes <c>%NAME%</c>, and the
/// user's home folder becomes <c>~</c>. Native, forward-slash and <c>file:</c> URI spellings are all recognised, so a
/// log written on Windows is scrubbed on Linux too.
/// </summary>
internal sealed class MachinePathScrubber
{
    private readonly List<(Regex Pattern, string Replacement)> _rules = [];

    /// <summary>Creates a scrubber; roots are matched longest first, so a root inside another one wins.</summary>
    /// <param name="repositoryRoot">The repository root; paths below it become relative.</param>
    /// <param name="namedRoots">Base id → folder (e.g. <c>NUGET</c> → <c>/home/u/.nuget/packages</c>).</param>
    /// <param name="homeDirectory">The user's home folder, replaced by <c>~</c> when nothing more specific matched.</param>
    public MachinePathScrubber(string repositoryRoot, IReadOnlyDictionary<string, string> namedRoots, string? homeDirectory)
    {
        var roots = new List<(string Path, string Replacement, bool Relative)> { (repositoryRoot, "", true) };
        roots.AddRange(namedRoots.Select(r => (r.Value, $"%{r.Key}%/", false)));
        if (!string.IsNullOrWhiteSpace(homeDirectory))
        {
            roots.Add((homeDirectory, "~/", false));
        }

        foreach (var (path, replacement, relative) in roots
            .Select(r => (Path: SarifPath.Canonical(r.Path), r.Replacement, r.Relative))
            .Where(r => r.Path is { Length: > 1 })
            .OrderByDescending(r => r.Path!.Length))
        {
            foreach (var spelling in Spellings(path!))
            {
                // The root itself (followed by a separator or the end of the path) is replaced; "/repo2" is not "/repo".
                var options = SarifPath.IsDrivePath(path!) ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant;
                _rules.Add((new Regex(Regex.Escape(spelling) + @"(?:[/\\]|(?![\w.\-]))", options, TimeSpan.FromSeconds(2)), relative ? "" : replacement));
            }
        }
    }

    /// <summary>True when <paramref name="text"/> contains a path this scrubber would rewrite.</summary>
    public bool Matches(string text) => _rules.Any(r => r.Pattern.IsMatch(text));

    /// <summary><paramref name="text"/> with every known machine path replaced.</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (pattern, replacement) in _rules)
        {
            if (text.Length > 0 && pattern.IsMatch(text))
            {
                text = pattern.Replace(text, replacement);
            }
        }

        return text;
    }

    // "/tmp/ws" is written as /tmp/ws, file:///tmp/ws and file:/tmp/ws; "C:/src" also as C:\src and file:///C:/src.
    private static IEnumerable<string> Spellings(string canonical)
    {
        var spellings = new List<string>();
        var uriPath = EscapeForUri(canonical);
        if (SarifPath.IsDrivePath(canonical))
        {
            spellings.Add("file:///" + uriPath);
            spellings.Add("file:///" + canonical);
            spellings.Add(canonical.Replace('/', '\\'));
        }
        else if (canonical.StartsWith("//", StringComparison.Ordinal))
        {
            spellings.Add("file:" + uriPath);
            spellings.Add(canonical.Replace('/', '\\'));
        }
        else
        {
            spellings.Add("file://" + uriPath);
            spellings.Add("file://" + canonical);
            spellings.Add("file:" + canonical);
        }

        spellings.Add(canonical);
        return spellings.Distinct(StringComparer.Ordinal);
    }

    private static string EscapeForUri(string path) =>
        string.Join('/', path.Split('/').Select(s => s.EndsWith(':') ? s : Uri.EscapeDataString(s)));
}

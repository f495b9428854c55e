namespace Cilock.Reports.Sarif;

/// <summary>Where the machine-specific folders of a SARIF log are and what to call them.</summary>
public sealed record SarifNormalizerOptions
{
    /// <summary>The repository root: files below it become <c>%SRCROOT%</c>-relative URIs.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>
    /// Other folders by base id (e.g. <c>NUGET</c> → the package folder, <c>DOTNET</c> → the .NET installation): files
    /// below them are expressed relative to that base id, whose location is left out of the log.
    /// </summary>
    public IReadOnlyDictionary<string, string> NamedRoots { get; init; } = new Dictionary<string, string>();

    /// <summary>The user's home folder, replaced by <c>~</c> in free text; <c>null</c> leaves it.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>
    /// Sets <c>automationDetails.id</c> of runs that have none to <c>&lt;Category&gt;/</c> (GitHub code scanning treats
    /// it as the category, so the runs of a multi-target build stay apart); <c>null</c> leaves runs alone.
    /// </summary>
    public string? Category { get; init; }
}

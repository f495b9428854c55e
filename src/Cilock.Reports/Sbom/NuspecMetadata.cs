namespace Cilock.Reports.Sbom;

/// <summary>What an SBOM takes from a package's .nuspec.</summary>
/// <param name="LicenseExpression">The SPDX expression of <c>&lt;license type="expression"&gt;</c>.</param>
/// <param name="LicenseUrl"><c>&lt;licenseUrl&gt;</c> when no expression is declared.</param>
/// <param name="LicenseFile">The file named by <c>&lt;license type="file"&gt;</c>.</param>
/// <param name="Authors"><c>&lt;authors&gt;</c>.</param>
/// <param name="Description"><c>&lt;description&gt;</c>.</param>
/// <param name="ProjectUrl"><c>&lt;projectUrl&gt;</c> when it is an absolute http(s) URL.</param>
internal sealed record NuspecMetadata(
    string? LicenseExpression,
    string? LicenseUrl,
    string? LicenseFile,
    string? Authors,
    string? Description,
    string? ProjectUrl)
{
    public static NuspecMetadata Empty { get; } = new(null, null, null, null, null, null);
}

using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Recording;
using Cilock.Reports.Attestors;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>
/// Normalises the compiler's SARIF logs (repository-relative <c>%SRCROOT%</c> URIs, no machine paths) and writes
/// them as one SARIF 2.1.0 log, one run per input. A missing input is a CIL2130 warning (nothing is written); a
/// SARIF 1.0 log (a user-set <c>ErrorLog</c> without <c>version=2.1</c>) is converted to 2.1.0, and one that cannot
/// be converted is a CIL2131 warning; an unreadable or
/// invalid log is a CIL2130 error (a warning with <c>CilockFailOnError=false</c>).
/// </summary>
public sealed class CilockNormalizeSarif : CilockTask
{
    /// <summary>The SARIF logs, in run order.</summary>
    [Required]
    public ITaskItem[] Reports { get; set; } = [];

    /// <summary>The normalised log to write.</summary>
    [Required]
    public string OutputFile { get; set; } = "";

    /// <summary>The project being built.</summary>
    [Required]
    public string ProjectPath { get; set; } = "";

    /// <summary>Base folder of recorded paths; empty = git root, else the project folder.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>NuGet's package folder (<c>$(NuGetPackageRoot)</c>): files there get the base id <c>NUGET</c>.</summary>
    public string? NuGetPackageRoot { get; set; }

    /// <summary>The .NET installation (<c>$(NetCoreRoot)</c>): files there get the base id <c>DOTNET</c>.</summary>
    public string? DotNetRoot { get; set; }

    /// <summary>The <c>automationDetails.id</c> category of runs that have none (e.g. <c>HelloLib/net10.0</c>).</summary>
    public string? Category { get; set; }

    /// <summary>The file written, empty when none was.</summary>
    [Output]
    public string WrittenFile { get; set; } = "";

    /// <inheritdoc />
    protected override void Run()
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!;
        var reports = Reports.Select(i => i.GetMetadata("FullPath")).Where(p => p.Length > 0).ToList();
        var missing = reports.Where(p => !File.Exists(p)).ToList();
        if (reports.Count == 0 || missing.Count > 0)
        {
            Report(Diagnostic.Warning(ReportReaderDiagnostics.SarifUnusable, $"no SARIF log at {string.Join(", ", missing.DefaultIfEmpty("(none given)"))}; the build step records no sarif attestation"));
            return;
        }

        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(NuGetPackageRoot))
        {
            roots["NUGET"] = NuGetPackageRoot;
        }

        if (!string.IsNullOrWhiteSpace(DotNetRoot))
        {
            roots["DOTNET"] = DotNetRoot;
        }

        try
        {
            StepRecordingOperation.WriteNormalizedSarif(reports, OutputFile, projectDirectory, string.IsNullOrWhiteSpace(WorkingDirectory) ? null : WorkingDirectory, roots, Category);
        }
        catch (CilockException e) when (e.Code == ReportReaderDiagnostics.SarifVersionUnsupported)
        {
            Report(Diagnostic.Warning(e.Code, e.Message));
            return;
        }

        WrittenFile = Path.GetFullPath(OutputFile, projectDirectory);
    }
}

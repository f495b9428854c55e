using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Recording;
using Cilock.Operations.Reporting;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>
/// After pack: writes <c>&lt;package&gt;.report.html</c> beside each package's evidence sidecar (<c>CilockReport</c>)
/// and, in GitHub Actions, the evidence summary into the job summary (<c>CilockCiSummary</c>).
/// </summary>
public sealed class CilockReport : CilockTask
{
    /// <summary>The packages (.nupkg) whose sidecars are reported.</summary>
    [Required]
    public ITaskItem[] Packages { get; set; } = [];

    /// <summary>Write the HTML report.</summary>
    public bool Html { get; set; } = true;

    /// <summary>Append the evidence summary to <c>$GITHUB_STEP_SUMMARY</c> when it is set.</summary>
    public bool JobSummary { get; set; } = true;

    /// <summary>The reports written.</summary>
    [Output]
    public ITaskItem[] Reports { get; set; } = [];

    /// <summary>The report file for <paramref name="packagePath"/>: <c>Id.Version.report.html</c> beside it.</summary>
    public static string ReportPath(string packagePath) =>
        Path.ChangeExtension(Path.GetFullPath(packagePath), ".report.html");

    /// <inheritdoc />
    protected override void Run()
    {
        var written = new List<ITaskItem>();
        foreach (var package in Packages.Select(p => p.GetMetadata("FullPath")).Where(p => File.Exists(p + PackageSidecar.Suffix)))
        {
            var diagnostics = new List<Diagnostic>();
            if (Html)
            {
                var path = ReportPath(package);
                ReportOperation.Execute(new ReportOptions { Inputs = [package], OutputPath = path }, diagnostics);
                written.Add(new Microsoft.Build.Utilities.TaskItem(path));
                Log.LogMessage(MessageImportance.High, $"Cilock: evidence report {path}");
            }

            if (JobSummary)
            {
                CiJobSummary.Append(CiJobSummary.ForEvidence([package], diagnostics), null, diagnostics);
            }

            Report(diagnostics);
        }

        Reports = [.. written];
    }
}

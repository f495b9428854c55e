using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Reports.Attestors;
using Cilock.Reports.Sarif;

namespace Cilock.Operations.Recording;

// The sarif and test-results attestors of recorded steps, and the SDK's SARIF normalisation (it needs the same
// repository root as the recorded paths).
public sealed partial class StepRecordingOperation
{
    /// <summary>
    /// Normalises compiler SARIF logs (spec attestors.md §11; see <see cref="SarifNormalizer"/>) and writes them as one
    /// log, one run per input in order, atomically. Paths become relative to the same root as the step's recorded
    /// paths (<paramref name="workingDirectory"/>, else the git work tree of <paramref name="projectDirectory"/>, else
    /// the project folder).
    /// </summary>
    /// <param name="reports">The SARIF 2.1.0 logs (already normalised ones are accepted unchanged).</param>
    /// <param name="outputPath">The file to write.</param>
    /// <param name="projectDirectory">The project folder.</param>
    /// <param name="workingDirectory"><c>CilockWorkingDirectory</c>, or <c>null</c>.</param>
    /// <param name="namedRoots">Folders outside the repository by base id (e.g. <c>NUGET</c>, <c>DOTNET</c>).</param>
    /// <param name="category">The <c>automationDetails.id</c> prefix of runs that have none, e.g. <c>Lib/net10.0</c>.</param>
    /// <exception cref="CilockException">CIL2130/CIL2131/CIL2134 unusable input, CIL2132 output not writable, CIL2005 bad working directory.</exception>
    public static void WriteNormalizedSarif(
        IReadOnlyList<string> reports,
        string outputPath,
        string projectDirectory,
        string? workingDirectory,
        IReadOnlyDictionary<string, string> namedRoots,
        string? category)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(outputPath);
        ArgumentNullException.ThrowIfNull(namedRoots);
        var root = ResolveWorkingDirectory(new StepRecordingOptions
        {
            StepName = "sarif",
            EvidencePath = outputPath,
            ProjectDirectory = projectDirectory,
            WorkingDirectory = workingDirectory,
        });
        var normalizer = new SarifNormalizer(new SarifNormalizerOptions
        {
            RepositoryRoot = root,
            NamedRoots = namedRoots
                .Where(r => !string.IsNullOrWhiteSpace(r.Value) && Path.IsPathFullyQualified(r.Value))
                .ToDictionary(r => r.Key, r => Path.TrimEndingDirectorySeparator(r.Value), StringComparer.Ordinal),
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            Category = category,
        });
        var logs = reports.Select(r => normalizer.Normalize(SarifDocument.Load(Path.GetFullPath(r, projectDirectory)))).ToList();
        try
        {
            AtomicFile.WriteAllBytes(Path.GetFullPath(outputPath, projectDirectory), SarifDocument.Serialize(SarifDocument.Merge(logs)));
        }
        catch (CilockException e)
        {
            throw new CilockException(ReportReaderDiagnostics.SarifNotWritable, $"cannot write the SARIF log: {e.Message}", e);
        }
    }

    private static void AddReportAttestors(List<IAttestor> attestors, StepRecordingOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SarifReport))
        {
            attestors.Add(new SarifAttestor(Path.GetFullPath(options.SarifReport, options.ProjectDirectory)));
        }

        var reports = options.TestReports.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => Path.GetFullPath(r, options.ProjectDirectory)).ToList();
        if (reports.Count > 0)
        {
            attestors.Add(new TestResultsAttestor(reports));
        }
    }
}

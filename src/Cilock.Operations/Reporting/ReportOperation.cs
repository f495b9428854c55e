using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Operations.Bundles;
using Cilock.Operations.Recording;
using Cilock.Policy.Evidence;

namespace Cilock.Operations.Reporting;

/// <summary>
/// <c>cilock report … --html OUT.html</c> and the <c>report.html</c> written beside a package's sidecar: reads the
/// evidence (and optionally a verification summary) and writes one self-contained HTML page.
/// </summary>
public static class ReportOperation
{
    /// <summary>Writes the report and returns the number of steps shown; skipped inputs are reported as warnings.</summary>
    /// <exception cref="CilockException">CIL1740 for a missing input, a package without sidecar, or an unwritable output; CIL1730 for a bad bundle.</exception>
    public static int Execute(ReportOptions options, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var model = BuildModel(options.Inputs, options.VerificationSummaries, options.Title, diagnostics);
        try
        {
            AtomicFile.WriteAllText(options.OutputPath, HtmlReportWriter.Render(model));
        }
        catch (CilockException e)
        {
            throw new CilockException(CiDiagnostics.ReportInputInvalid, $"cannot write the report: {e.Message}", e);
        }

        return model.Steps.Count;
    }

    /// <summary>Reads the evidence and verdicts into the report model.</summary>
    internal static ReportModel BuildModel(IReadOnlyList<string> inputs, IReadOnlyList<string> verificationSummaries, string? title, ICollection<Diagnostic> diagnostics)
    {
        if (inputs.Count == 0)
        {
            throw new CilockException(CiDiagnostics.ReportInputInvalid, "no evidence given: pass a .nupkg, evidence files, directories or bundles");
        }

        var model = new ReportModel { Title = title ?? DefaultTitle(inputs[0]) };
        foreach (var input in inputs)
        {
            foreach (var item in Load(input, diagnostics))
            {
                ReportModelBuilder.AddEnvelope(model, item.Reference, item.Envelope, diagnostics);
            }

            model.Sources.Add(Path.GetFileName(input.TrimEnd('/', '\\')));
        }

        foreach (var vsa in verificationSummaries)
        {
            try
            {
                model.Verdict = ReportModelBuilder.ReadVsa(File.ReadAllBytes(vsa))
                    ?? throw new CilockException(CiDiagnostics.ReportInputInvalid, $"'{vsa}' is not a verification summary");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                throw new CilockException(CiDiagnostics.ReportInputInvalid, $"cannot read verification summary '{vsa}': {e.Message}", e);
            }
        }

        ReportModelBuilder.Link(model);
        return model;
    }

    private static IReadOnlyList<EvidenceEnvelope> Load(string input, ICollection<Diagnostic> diagnostics)
    {
        if (input.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
        {
            var sidecar = input + PackageSidecar.Suffix;
            return File.Exists(sidecar)
                ? new FileEvidenceSource([sidecar]).Load(diagnostics)
                : throw new CilockException(CiDiagnostics.ReportInputInvalid, $"'{input}' has no evidence sidecar '{Path.GetFileName(sidecar)}' beside it");
        }

        if (input.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || input.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
        {
            return new BundleEvidenceSource(input).Load(diagnostics);
        }

        if (!File.Exists(input) && !Directory.Exists(input))
        {
            throw new CilockException(CiDiagnostics.ReportInputInvalid, $"evidence path '{input}' does not exist");
        }

        return new FileEvidenceSource([input]).Load(diagnostics);
    }

    private static string DefaultTitle(string input)
    {
        var name = Path.GetFileName(input.TrimEnd('/', '\\'));
        return name.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) ? $"Evidence for {name}" : "Evidence report";
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

// The sbom attestor's parameters, and the standalone SBOM statements exported after the step is signed.
public sealed partial class CilockRecordStep
{
    /// <summary>SBOM files (CycloneDX/SPDX JSON) recorded by the sbom attestor and exported as standalone statements.</summary>
    public ITaskItem[] SbomFiles { get; set; } = [];

    /// <summary>The standalone signed SBOM statements written.</summary>
    [Output]
    public ITaskItem[] SbomStatements { get; set; } = [];

    private StepRecordingOptions WithSbom(StepRecordingOptions options) =>
        SbomFiles.Length == 0 ? options : options with { SbomFiles = [.. SbomFiles.Select(i => i.GetMetadata("FullPath"))] };

    private void ExportSbom(StepRecordingOptions options, StepRecordingResult result)
    {
        if (result.EnvelopePath is null || options.SbomFiles.Count == 0)
        {
            return;
        }

        try
        {
            var paths = StepRecordingOperation.CreateDefault().ExportSbomStatements(options);
            SbomStatements = [.. paths.Select(p => new Microsoft.Build.Utilities.TaskItem(p))];
            foreach (var path in paths)
            {
                Log.LogMessage(MessageImportance.Normal, $"Cilock: SBOM statement written to {path}");
            }
        }
        catch (CilockException e)
        {
            Report(Diagnostic.Error(e.Code, e.Message));
        }
    }
}

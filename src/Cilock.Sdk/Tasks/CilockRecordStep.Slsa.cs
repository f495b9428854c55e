using System.Globalization;
using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

// SLSA provenance of the step (CilockSlsaProvenance), and the standalone provenance statement exported after signing.
public sealed partial class CilockRecordStep
{
    /// <summary>Record SLSA provenance (the slsa attestor) and export the standalone statement beside the package.</summary>
    public bool SlsaProvenance { get; set; }

    /// <summary>When the step began (round-trip date/time text); empty = the recording time.</summary>
    public string? SlsaStartedOn { get; set; }

    /// <summary>The standalone signed provenance statements written.</summary>
    [Output]
    public ITaskItem[] SlsaStatements { get; set; } = [];

    private StepRecordingOptions WithSlsa(StepRecordingOptions options)
    {
        if (!SlsaProvenance)
        {
            return options;
        }

        // The step is recorded right after the engine finished it, so "now" is its end.
        var finished = DateTimeOffset.UtcNow;
        DateTimeOffset? started = DateTimeOffset.TryParse(SlsaStartedOn, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) && parsed <= finished
            ? parsed.ToUniversalTime()
            : null;
        return options with { SlsaProvenance = true, StepStartedOn = started ?? finished, StepFinishedOn = finished };
    }

    private void ExportSlsa(StepRecordingOptions options, StepRecordingResult result)
    {
        if (result.EnvelopePath is null || !options.SlsaProvenance)
        {
            return;
        }

        try
        {
            var paths = StepRecordingOperation.CreateDefault().ExportSlsaStatements(options, result.EnvelopePath);
            SlsaStatements = [.. paths.Select(p => new Microsoft.Build.Utilities.TaskItem(p))];
            foreach (var path in paths)
            {
                Log.LogMessage(MessageImportance.Normal, $"Cilock: SLSA provenance statement written to {path}");
            }
        }
        catch (CilockException e)
        {
            Report(Diagnostic.Error(e.Code, e.Message));
        }
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Archivista;
using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

// CI platform evidence and Archivista upload (Cilock.Ci.targets, docs/ci.md, docs/archivista.md).
public sealed partial class CilockRecordStep
{
    /// <summary><c>CilockCiAttestors</c>: record the detected CI platform's attestation (default true).</summary>
    public string? CiAttestors { get; set; }

    /// <summary><c>CilockArchivistaUrl</c>: upload the signed envelope to this Archivista server after the step.</summary>
    public string? ArchivistaUrl { get; set; }

    private StepRecordingOptions WithCi(StepRecordingOptions options) =>
        options with { CiAttestors = !string.Equals(CiAttestors?.Trim(), "false", StringComparison.OrdinalIgnoreCase) };

    // Headers come from CILOCK_ARCHIVISTA_HEADERS (CI secrets), never from MSBuild properties, which end up in logs.
    // A failed upload is CIL1714: an error, or a warning with CilockFailOnError=false; the local evidence stays.
    private void UploadToArchivista(StepRecordingResult result)
    {
        if (string.IsNullOrWhiteSpace(ArchivistaUrl) || result.EnvelopePath is null)
        {
            return;
        }

        try
        {
            var gitoid = ArchivistaPublisher.UploadFileAsync(new ArchivistaSettings { Url = ArchivistaUrl }, result.EnvelopePath).GetAwaiter().GetResult();
            Log.LogMessage(MessageImportance.High, $"Cilock: stored step '{StepName}' in Archivista (gitoid {gitoid})");
        }
        catch (CilockException e)
        {
            Report(Diagnostic.Error(e.Code, e.Message, result.EnvelopePath));
        }
    }
}

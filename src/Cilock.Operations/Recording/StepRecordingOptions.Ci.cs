namespace Cilock.Operations.Recording;

// CI platform evidence and Archivista upload (docs/ci.md, docs/archivista.md).
public sealed partial record StepRecordingOptions
{
    /// <summary>Record the CI platform's attestation (github, gitlab, azure-pipelines) when one is detected.</summary>
    public bool CiAttestors { get; init; } = true;
}

namespace Cilock.Operations.Recording;

// SLSA provenance of the step (docs/attestors.md "slsa", docs/sdk.md CilockSlsaProvenance).
public sealed partial record StepRecordingOptions
{
    /// <summary>
    /// Add the slsa attestor (SLSA provenance v1 in the collection) and allow
    /// <see cref="StepRecordingOperation.ExportSlsaStatements"/>; the SDK turns it on for the pack step.
    /// </summary>
    public bool SlsaProvenance { get; init; }

    /// <summary>When the step began (the provenance's <c>startedOn</c>); <c>null</c> = the command-run record's time.</summary>
    public DateTimeOffset? StepStartedOn { get; init; }

    /// <summary>When the step ended (the provenance's <c>finishedOn</c>); <c>null</c> = the command-run record's time.</summary>
    public DateTimeOffset? StepFinishedOn { get; init; }
}

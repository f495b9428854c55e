namespace Cilock.Operations.Recording;

// The sbom attestor's options.
public sealed partial record StepRecordingOptions
{
    /// <summary>
    /// SBOM files (CycloneDX or SPDX JSON, absolute or relative to the project folder) recorded by the sbom attestor,
    /// one collection entry each, and exported by <see cref="StepRecordingOperation.ExportSbomStatements"/>.
    /// </summary>
    public IReadOnlyList<string> SbomFiles { get; init; } = [];
}

namespace Cilock.Operations.Recording;

// Reports a recorded step attests: the compiler's SARIF log (build step) and TRX test reports (test step).
public sealed partial record StepRecordingOptions
{
    /// <summary>
    /// A SARIF 2.1.0 log recorded as the <c>sarif</c> attestor (the SDK passes the normalised compiler log); <c>null</c>
    /// records none. A missing or invalid file fails the step (CIL2130/CIL2131).
    /// </summary>
    public string? SarifReport { get; init; }

    /// <summary>
    /// TRX reports recorded as one <c>test-results</c> attestor (cilock dialect only); empty records none. A missing or
    /// malformed report fails the step (CIL2133).
    /// </summary>
    public IReadOnlyList<string> TestReports { get; init; } = [];
}

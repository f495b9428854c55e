namespace Cilock.Reports.TestResults;

/// <summary>One test that failed or errored.</summary>
/// <param name="Name">The test name as reported (data rows included, e.g. <c>Rows (2)</c>).</param>
/// <param name="Suite">The test assembly (file name without extension), if known.</param>
/// <param name="ClassName">The fully qualified test class, if known.</param>
/// <param name="Outcome">The report's own outcome (e.g. <c>Failed</c>, <c>Timeout</c>, <c>Error</c>).</param>
/// <param name="Message">The failure message, bounded and with machine paths scrubbed.</param>
/// <param name="StackTrace">The stack trace, bounded and with machine paths scrubbed.</param>
/// <param name="DurationSeconds">How long the test ran.</param>
public sealed record FailedTest(
    string Name,
    string? Suite,
    string? ClassName,
    string Outcome,
    string? Message,
    string? StackTrace,
    double DurationSeconds)
{
    /// <summary>
    /// The identifier used for the <c>test-failure:</c> subject, as cilock forms it: <c>ClassName.Name</c>, else
    /// <c>Suite::Name</c>, else the bare name.
    /// </summary>
    public string QualifiedName => ClassName is { Length: > 0 } ? $"{ClassName}.{Name}"
        : Suite is { Length: > 0 } ? $"{Suite}::{Name}"
        : Name;
}

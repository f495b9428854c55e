namespace Cilock.Reports.TestResults;

/// <summary>
/// Counts of one test run with JUnit meaning (spec attestors.md §12): <see cref="Failed"/> = assertion failures and
/// timeouts, <see cref="Errors"/> = errors, aborted and disconnected tests, <see cref="Skipped"/> = not executed,
/// inconclusive, not runnable and pending tests.
/// </summary>
/// <param name="Total">Every test result.</param>
/// <param name="Passed">Passed tests (including passed-but-run-aborted and warning outcomes).</param>
/// <param name="Failed">Failed and timed-out tests.</param>
/// <param name="Skipped">Tests that did not run to a verdict.</param>
/// <param name="Errors">Tests that could not run properly (error, aborted, disconnected, still in progress).</param>
/// <param name="DurationSeconds">Wall-clock time of the run.</param>
public sealed record TestRunSummary(int Total, int Passed, int Failed, int Skipped, int Errors, double DurationSeconds);

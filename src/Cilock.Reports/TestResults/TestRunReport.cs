namespace Cilock.Reports.TestResults;

/// <summary>A test report reduced to what the <c>test-results</c> predicate records.</summary>
/// <param name="Format">The report format, e.g. <c>trx</c>.</param>
/// <param name="ToolName">The test adapter, if the report names one.</param>
/// <param name="ToolVersion">The adapter's version, if known.</param>
/// <param name="Summary">The exact counts.</param>
/// <param name="FailedTests">Failed and errored tests, at most <see cref="TrxReader.MaxFailedTests"/>.</param>
/// <param name="Suites">The test suites (assemblies) that ran, sorted.</param>
public sealed record TestRunReport(
    string Format,
    string? ToolName,
    string? ToolVersion,
    TestRunSummary Summary,
    IReadOnlyList<FailedTest> FailedTests,
    IReadOnlyList<string> Suites);

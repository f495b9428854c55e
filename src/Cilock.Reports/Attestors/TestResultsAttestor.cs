using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Reports.TestResults;

namespace Cilock.Reports.Attestors;

/// <summary>
/// The cilock <c>test-results</c> attestor (spec attestors.md §12), post-product phase:
/// <c>{"predicate": {"format", "toolName"?, "toolVersion"?, "summary", "failedTests"?, "reportFile", "reportDigest"}}</c>
/// from a TRX report, with subjects <c>test-suite:&lt;assembly&gt;</c> and <c>test-failure:&lt;Class.Test&gt;</c>
/// (sha256 of the identifier, as cilock does). Failed tests also carry <c>outcome</c> and <c>stackTrace</c> (members
/// cilock's readers ignore). cilock only: in the witness dialect the entry is left out, because Witness rejects
/// envelopes with types it does not register. Several TRX files (one per target framework) are summed into one
/// predicate; the first one is the <c>reportFile</c>.
/// </summary>
public sealed class TestResultsAttestor : IAttestor, ISubjecter, IOptionalEvidence
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "test-results";

    /// <summary>Predicate type (cilock only).</summary>
    public const string CilockType = "https://aflock.ai/attestations/test-results/v0.1";

    private readonly IReadOnlyList<string> _reportPaths;
    private readonly Dictionary<string, DigestSet> _subjects = new(StringComparer.Ordinal);
    private TestRunReport? _report;
    private ReportFile? _file;

    /// <summary>Creates the attestor.</summary>
    /// <param name="reportPaths">TRX files to record; empty searches the products for TRX reports.</param>
    public TestResultsAttestor(IReadOnlyList<string>? reportPaths = null)
    {
        _reportPaths = [.. (reportPaths ?? []).Where(p => !string.IsNullOrWhiteSpace(p))];
    }

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PostProduct;

    /// <summary>The parsed report, once attested (<c>null</c> when none was found).</summary>
    public TestRunReport? Report => _report;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) => CilockType;

    /// <inheritdoc />
    /// <exception cref="CilockException">CIL2133/CIL2134 for an explicit report that cannot be read.</exception>
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reports = new List<(ReportFile File, TestRunReport Report)>();
        if (_reportPaths.Count > 0)
        {
            foreach (var path in _reportPaths)
            {
                // Parse first: a missing or malformed report must fail with its own code, not as an unhashable file.
                var report = TrxReader.Read(Path.GetFullPath(path, context.WorkingDirectory), context.WorkingDirectory);
                reports.Add((ReportFile.FromPath(path, context), report));
            }
        }
        else
        {
            foreach (var candidate in ReportFile.Candidates(context, TrxReader.LooksLikeTrx, TrxReader.MaxBytes, ReportReaderDiagnostics.TestReportUnusable))
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    reports.Add((candidate, TrxReader.Read(candidate.FullPath, context.WorkingDirectory)));
                }
                catch (CilockException e)
                {
                    context.Report(Diagnostic.Warning(e.Code, $"product '{candidate.Name}' is not recorded as test results: {e.Message}"));
                }
            }
        }

        if (reports.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        _file = reports[0].File;
        _report = Combine([.. reports.Select(r => r.Report)]);
        foreach (var suite in _report.Suites)
        {
            _subjects[$"test-suite:{suite}"] = Sha256Of(suite);
        }

        foreach (var failure in _report.FailedTests)
        {
            _subjects[$"test-failure:{failure.QualifiedName}"] = Sha256Of(failure.QualifiedName);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect) =>
        dialect == Dialect.Cilock ? _subjects : new Dictionary<string, DigestSet>();

    /// <inheritdoc />
    public bool HasEvidence => _report is not null && _file is not null;

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect)
    {
        if (dialect != Dialect.Cilock || _report is null || _file is null)
        {
            return null;
        }

        var summary = new JsonObject
        {
            ["total"] = _report.Summary.Total,
            ["passed"] = _report.Summary.Passed,
            ["failed"] = _report.Summary.Failed,
            ["skipped"] = _report.Summary.Skipped,
        };
        if (_report.Summary.Errors > 0)
        {
            summary["errors"] = _report.Summary.Errors;
        }

        summary["durationSeconds"] = _report.Summary.DurationSeconds;
        var predicate = new JsonObject { ["format"] = _report.Format };
        if (_report.ToolName is not null)
        {
            predicate["toolName"] = _report.ToolName;
        }

        if (_report.ToolVersion is not null)
        {
            predicate["toolVersion"] = _report.ToolVersion;
        }

        predicate["summary"] = summary;
        if (_report.FailedTests.Count > 0)
        {
            predicate["failedTests"] = new JsonArray([.. _report.FailedTests.Select(FailedTestJson)]);
        }

        predicate["reportFile"] = _file.Name;
        predicate["reportDigest"] = _file.DigestJson();
        return new JsonObject { ["predicate"] = predicate };
    }

    private static JsonNode FailedTestJson(FailedTest test)
    {
        var json = new JsonObject { ["name"] = test.Name };
        if (test.Suite is not null)
        {
            json["suite"] = test.Suite;
        }

        if (test.ClassName is not null)
        {
            json["classname"] = test.ClassName;
        }

        if (test.Message is not null)
        {
            json["message"] = test.Message;
        }

        if (test.DurationSeconds > 0)
        {
            json["duration"] = test.DurationSeconds;
        }

        json["outcome"] = test.Outcome;
        if (test.StackTrace is not null)
        {
            json["stackTrace"] = test.StackTrace;
        }

        return json;
    }

    private static TestRunReport Combine(IReadOnlyList<TestRunReport> reports)
    {
        if (reports.Count == 1)
        {
            return reports[0];
        }

        var summary = new TestRunSummary(
            reports.Sum(r => r.Summary.Total),
            reports.Sum(r => r.Summary.Passed),
            reports.Sum(r => r.Summary.Failed),
            reports.Sum(r => r.Summary.Skipped),
            reports.Sum(r => r.Summary.Errors),
            reports.Sum(r => r.Summary.DurationSeconds));
        var tools = reports.Select(r => (r.ToolName, r.ToolVersion)).Distinct().ToList();
        return new TestRunReport(
            reports[0].Format,
            tools.Count == 1 ? tools[0].ToolName : null,
            tools.Count == 1 ? tools[0].ToolVersion : null,
            summary,
            [.. reports.SelectMany(r => r.FailedTests).Take(TrxReader.MaxFailedTests)],
            [.. reports.SelectMany(r => r.Suites).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    private static DigestSet Sha256Of(string value) => DigestSet.FromSha256(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Attestors;
using Cilock.Reports.Sarif;

namespace Cilock.Reports.TestResults;

/// <summary>
/// Reads Visual Studio TRX reports (VSTest <c>--logger trx</c>, Microsoft.Testing.Platform <c>--report-trx</c>) into a
/// <see cref="TestRunReport"/> with JUnit semantics. Counts are recomputed from the individual results (the
/// <c>Counters</c> element is only a fallback: producers fill it inconsistently). XML is read without DTDs or external
/// entities.
/// </summary>
public static class TrxReader
{
    /// <summary>The TRX XML namespace.</summary>
    public const string Namespace = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The <c>format</c> written into the predicate.</summary>
    public const string Format = "trx";

    /// <summary>The largest report read (256 MiB).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>At most this many failed tests are listed (the counts stay exact), like cilock.</summary>
    public const int MaxFailedTests = 50;

    /// <summary>Messages and stack traces are cut to this many characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Reads the TRX file at <paramref name="path"/>.</summary>
    /// <param name="path">The report.</param>
    /// <param name="repositoryRoot">When set, paths below it in messages and stack traces become relative.</param>
    /// <exception cref="CilockException">CIL2133 missing, unreadable or not a TRX report; CIL2134 too large.</exception>
    public static TestRunReport Read(string path, string? repositoryRoot = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CilockException(ReportReaderDiagnostics.TestReportUnusable, $"test report '{path}' does not exist");
            }

            if (info.Length > MaxBytes)
            {
                throw new CilockException(ReportReaderDiagnostics.ReportTooLarge, $"test report '{path}' is {info.Length} bytes; the limit is {MaxBytes}");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Parse(stream, path, repositoryRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(ReportReaderDiagnostics.TestReportUnusable, $"cannot read test report '{path}': {e.Message}", e);
        }
    }

    /// <summary>Parses a TRX document; <paramref name="name"/> is used in messages only.</summary>
    /// <exception cref="CilockException">CIL2133 not a TRX report.</exception>
    public static TestRunReport Parse(Stream stream, string name, string? repositoryRoot = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new CilockException(ReportReaderDiagnostics.TestReportUnusable, $"'{name}' is not well-formed XML: {e.Message}", e);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "TestRun" || (root.Name.NamespaceName.Length > 0 && root.Name.NamespaceName != Namespace))
        {
            throw new CilockException(ReportReaderDiagnostics.TestReportUnusable, $"'{name}' is not a TRX report: the root element is not <TestRun> in the {Namespace} namespace");
        }

        var ns = root.Name.Namespace;
        var scrubber = repositoryRoot is null ? null
            : new MachinePathScrubber(repositoryRoot, new Dictionary<string, string>(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        var definitions = ReadDefinitions(root, ns);

        var results = root.Element(ns + "Results")?.Elements().ToList() ?? [];
        int passed = 0, failed = 0, skipped = 0, errors = 0;
        var failures = new List<FailedTest>();
        foreach (var result in results)
        {
            var outcome = (string?)result.Attribute("outcome") ?? "";
            var verdict = Classify(outcome);
            switch (verdict)
            {
                case Verdict.Passed:
                    passed++;
                    continue;
                case Verdict.Skipped:
                    skipped++;
                    continue;
                case Verdict.Failed:
                    failed++;
                    break;
                default:
                    errors++;
                    break;
            }

            if (failures.Count < MaxFailedTests)
            {
                failures.Add(ToFailedTest(result, ns, outcome, definitions, scrubber));
            }
        }

        var total = results.Count;
        if (total == 0 && root.Element(ns + "ResultSummary")?.Element(ns + "Counters") is { } counters)
        {
            // A report with totals but no individual results: trust the counters rather than claim nothing ran.
            total = Count(counters, "total");
            passed = Count(counters, "passed") + Count(counters, "passedButRunAborted") + Count(counters, "warning") + Count(counters, "completed");
            failed = Count(counters, "failed") + Count(counters, "timeout");
            errors = Count(counters, "error") + Count(counters, "aborted") + Count(counters, "disconnected") + Count(counters, "inProgress");
            skipped = Math.Max(0, total - passed - failed - errors);
        }

        var adapters = definitions.Values.Select(d => d.Adapter).Where(a => a is not null).Distinct(StringComparer.Ordinal).ToList();
        var (toolName, toolVersion) = adapters.Count == 1 ? SplitAdapter(adapters[0]!) : (null, null);
        var suites = definitions.Values.Select(d => d.Suite).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new TestRunReport(Format, toolName, toolVersion, new TestRunSummary(total, passed, failed, skipped, errors, Duration(root, ns)), failures, suites);
    }

    /// <summary>True when <paramref name="head"/> (the first bytes of a file) looks like a TRX document.</summary>
    public static bool LooksLikeTrx(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head.StartsWith("\uFEFF"u8) ? head[3..] : head).TrimStart();
        return text.StartsWith('<') && text.Contains("<TestRun", StringComparison.Ordinal) && text.Contains(Namespace, StringComparison.Ordinal);
    }

    private enum Verdict
    {
        Passed,
        Failed,
        Skipped,
        Error,
    }

    // TRX outcomes (Microsoft.VisualStudio.TestTools.Common.TestOutcome); anything unknown counts as an error.
    private static Verdict Classify(string outcome) => outcome switch
    {
        "Passed" or "PassedButRunAborted" or "Warning" or "Completed" => Verdict.Passed,
        "Failed" or "Timeout" => Verdict.Failed,
        "NotExecuted" or "Inconclusive" or "NotRunnable" or "Pending" => Verdict.Skipped,
        _ => Verdict.Error,
    };

    private sealed record Definition(string? ClassName, string? Suite, string? Adapter);

    private static Dictionary<string, Definition> ReadDefinitions(XElement root, XNamespace ns)
    {
        var definitions = new Dictionary<string, Definition>(StringComparer.OrdinalIgnoreCase);
        foreach (var test in root.Element(ns + "TestDefinitions")?.Elements() ?? [])
        {
            var id = (string?)test.Attribute("id");
            if (id is null)
            {
                continue;
            }

            var method = test.Element(ns + "TestMethod");
            var storage = (string?)method?.Attribute("codeBase") ?? (string?)test.Attribute("storage");
            var suite = storage is null ? null : Path.GetFileNameWithoutExtension(storage.Replace('\\', '/').Split('/')[^1]);
            definitions[id] = new Definition((string?)method?.Attribute("className"), suite, (string?)method?.Attribute("adapterTypeName"));
        }

        return definitions;
    }

    private static FailedTest ToFailedTest(XElement result, XNamespace ns, string outcome, Dictionary<string, Definition> definitions, MachinePathScrubber? scrubber)
    {
        var definition = (string?)result.Attribute("testId") is { } id && definitions.TryGetValue(id, out var d) ? d : null;
        var error = ErrorInfo(result, ns);
        var message = Bound(error?.Element(ns + "Message")?.Value, scrubber);
        var stack = Bound(error?.Element(ns + "StackTrace")?.Value, scrubber);
        if (message is null && outcome == "Timeout")
        {
            message = "the test timed out";
        }

        return new FailedTest(
            (string?)result.Attribute("testName") ?? "(unnamed test)",
            definition?.Suite,
            definition?.ClassName,
            outcome.Length > 0 ? outcome : "Unknown",
            message,
            stack,
            ParseDuration((string?)result.Attribute("duration")));
    }

    // Data-driven tests nest one result per row; the parent may carry no message of its own.
    private static XElement? ErrorInfo(XElement result, XNamespace ns)
    {
        var own = result.Element(ns + "Output")?.Element(ns + "ErrorInfo");
        if (own is not null)
        {
            return own;
        }

        return result.Element(ns + "InnerResults")?.Elements()
            .Where(inner => Classify((string?)inner.Attribute("outcome") ?? "") is Verdict.Failed or Verdict.Error)
            .Select(inner => ErrorInfo(inner, ns))
            .FirstOrDefault(e => e is not null);
    }

    private static string? Bound(string? text, MachinePathScrubber? scrubber)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (scrubber is not null)
        {
            text = scrubber.Scrub(text);
        }

        return text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";
    }

    private static double ParseDuration(string? value) =>
        value is not null && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? Math.Round(span.TotalSeconds, 7) : 0;

    private static double Duration(XElement root, XNamespace ns)
    {
        var times = root.Element(ns + "Times");
        if (DateTimeOffset.TryParse((string?)times?.Attribute("start"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var start)
            && DateTimeOffset.TryParse((string?)times?.Attribute("finish"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var finish)
            && finish >= start)
        {
            return Math.Round((finish - start).TotalSeconds, 7);
        }

        return 0;
    }

    private static int Count(XElement counters, string name) =>
        int.TryParse((string?)counters.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    // executor://mstestadapter/v4 → (mstestadapter, v4)
    private static (string? Name, string? Version) SplitAdapter(string adapter)
    {
        if (!Uri.TryCreate(adapter, UriKind.Absolute, out var uri))
        {
            return (adapter, null);
        }

        var version = uri.AbsolutePath.Trim('/');
        return (uri.Host.Length > 0 ? uri.Host : adapter, version.Length > 0 ? version : null);
    }
}

namespace Cilock.Reports.Attestors;

/// <summary>
/// The SARIF and test-results codes (CIL2130–CIL2159; CIL2130–CIL2134 in use); each one is described in docs/diagnostics.md.
/// </summary>
public static class ReportReaderDiagnostics
{
    /// <summary>A SARIF file is missing, unreadable, not JSON, or not a SARIF 2.1.0 log.</summary>
    public const string SarifUnusable = "CIL2130";

    /// <summary>
    /// A SARIF 1.0 log (a user-set <c>ErrorLog</c> without <c>version=2.1</c>) has a shape that cannot be converted to
    /// SARIF 2.1.0, so it is not attested. Convertible 1.0 logs are converted silently.
    /// </summary>
    public const string SarifVersionUnsupported = "CIL2131";

    /// <summary>The normalised SARIF log could not be written.</summary>
    public const string SarifNotWritable = "CIL2132";

    /// <summary>A TRX test report is unreadable, not XML, or not a TRX <c>TestRun</c> document.</summary>
    public const string TestReportUnusable = "CIL2133";

    /// <summary>A report is larger than the reader accepts; it is not embedded in the evidence.</summary>
    public const string ReportTooLarge = "CIL2134";
}

using Cilock.Attestation.Diagnostics;
using Cilock.Cli.Rendering;
using Cilock.Operations.Reporting;
using Cilock.Operations.Verification;

namespace Cilock.Cli.Commands.Report;

/// <summary>CI job summaries for the commands that decide something (verify, push); no-ops outside GitHub Actions.</summary>
internal static class CiOutput
{
    /// <summary>Appends the verification verdict to <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    public static void VerifySummary(VerifyResult result, string subject, TextWriter error) =>
        Append(CiJobSummary.ForVerification(result, subject), error);

    /// <summary>Appends the push outcome to <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    public static void PushSummary(string package, string? sha256, string outcome, string? feed, IEnumerable<Diagnostic> diagnostics, TextWriter error) =>
        Append(CiJobSummary.ForPush(package, sha256, outcome, feed, diagnostics), error);

    private static void Append(string markdown, TextWriter error)
    {
        var problems = new List<Diagnostic>();
        CiJobSummary.Append(markdown, null, problems);
        DiagnosticWriter.Write(error, problems);
    }
}

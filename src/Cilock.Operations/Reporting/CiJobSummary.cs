using System.Text;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Verification;

namespace Cilock.Operations.Reporting;

/// <summary>
/// Markdown for the GitHub Actions job summary (<c>$GITHUB_STEP_SUMMARY</c>): the verdict of <c>cilock verify</c> /
/// <c>cilock push</c>, or the steps, subjects and signers of the evidence the SDK just wrote. Evidence text is
/// escaped so it cannot break out of its table cell or inject markup.
/// </summary>
public static class CiJobSummary
{
    /// <summary>The variable GitHub sets to the summary file of the current step.</summary>
    public const string Variable = "GITHUB_STEP_SUMMARY";

    /// <summary>Summary of a verification.</summary>
    public static string ForVerification(VerifyResult result, string subject)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        var verdict = result.Verification is null ? "ERROR" : result.Passed ? "PASSED" : "FAILED";
        md.Append("### ").Append(result.Passed ? "✅" : "❌").Append(" cilock verify: ").Append(verdict).Append(" — ").Append(Cell(subject)).Append("\n\n");
        if (result.Verification is { } v)
        {
            md.Append("Policy sha256 `").Append(Cell(v.PolicyDigest)).Append('`');
            if (v.MatchedSubject is { } matched)
            {
                md.Append(", matched subject `").Append(Cell(matched)).Append("` in step `").Append(Cell(v.MatchedStep ?? "")).Append('`');
            }

            md.Append("\n\n| Step | Result | Evidence / reasons |\n|---|---|---|\n");
            foreach (var step in v.Steps.Concat(v.Externals))
            {
                var detail = step.Passed
                    ? string.Join(", ", step.PassedCollections)
                    : string.Join("; ", step.Rejections.Select(r => $"{r.Reason.Code}: {r.Reason.Message}"));
                md.Append("| ").Append(Cell(step.Name)).Append(" | ").Append(step.Passed ? "pass" : "**fail**").Append(" | ").Append(Cell(detail)).Append(" |\n");
            }
        }

        Errors(md, result.Diagnostics);
        return md.ToString();
    }

    /// <summary>Summary of a push through the gate.</summary>
    public static string ForPush(string package, string? sha256, string outcome, string? feed, IEnumerable<Diagnostic> diagnostics)
    {
        var md = new StringBuilder();
        md.Append("### ").Append(outcome == "Pushed" ? "✅" : "❌").Append(" cilock push: ").Append(Cell(outcome)).Append(" — ").Append(Cell(package)).Append("\n\n");
        if (sha256 is not null)
        {
            md.Append("Package sha256 `").Append(Cell(sha256)).Append('`');
        }

        if (feed is not null)
        {
            md.Append(", feed `").Append(Cell(feed)).Append('`');
        }

        md.Append("\n\n");
        Errors(md, diagnostics);
        return md.ToString();
    }

    /// <summary>Summary of recorded evidence (steps, subjects, signers) read from <paramref name="inputs"/>.</summary>
    public static string ForEvidence(IReadOnlyList<string> inputs, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var model = ReportOperation.BuildModel(inputs, [], null, diagnostics);
        var md = new StringBuilder();
        md.Append("### 🔏 cilock evidence: ").Append(Cell(model.Title)).Append("\n\n| Step | Signed by | Subjects (sha256) | Products |\n|---|---|---|---|\n");
        foreach (var step in model.Steps)
        {
            var signers = string.Join(", ", step.Signers.Select(s => s.Identity.Length > 0 ? s.Identity : "keyid " + s.KeyId));
            var subjects = string.Join(", ", step.Products.Where(p => p.Path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase)).Select(p => $"{p.Path} {p.Digest}"));
            md.Append("| ").Append(Cell(step.Name)).Append(" | ").Append(Cell(signers)).Append(" | ").Append(Cell(subjects)).Append(" | ").Append(step.Products.Count).Append(" |\n");
        }

        return md.ToString();
    }

    /// <summary>Appends <paramref name="markdown"/> to the job summary when running in GitHub Actions; failures become a CIL1750 warning.</summary>
    /// <returns>Whether the summary was written.</returns>
    public static bool Append(string markdown, IReadOnlyDictionary<string, string>? environment, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var env = environment ?? CiPlatforms.ProcessEnvironment();
        if (env.GetValueOrDefault(Variable) is not { Length: > 0 } path)
        {
            return false;
        }

        try
        {
            // The summary file is append-only by design (each step adds its part), so no temp-and-rename here.
            File.AppendAllText(path, markdown + "\n");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Warning(CiDiagnostics.CiOutputFailed, $"cannot write the job summary: {e.Message}"));
            return false;
        }
    }

    private static void Errors(StringBuilder md, IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            md.Append("\n**Errors**\n\n");
            foreach (var e in errors)
            {
                md.Append("- `").Append(Cell(e.Code)).Append("` ").Append(Cell(e.Message)).Append('\n');
            }
        }
    }

    // One table cell / inline text: no line breaks, pipes, backticks or markup from evidence.
    private static string Cell(string text) =>
        System.Net.WebUtility.HtmlEncode(text.ReplaceLineEndings(" ")).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}

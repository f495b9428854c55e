using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Reporting;

/// <summary>
/// CIL diagnostics as CI annotations: GitHub Actions workflow commands (<c>::error file=…,line=…,title=CIL1234::msg</c>)
/// and Azure Pipelines logging commands (<c>##vso[task.logissue type=error;…]msg</c>). GitLab has no annotation
/// command (its collapsible sections are in <see cref="CiLogSection"/>). Values are escaped so that evidence text
/// cannot inject a second command.
/// </summary>
public static class CiAnnotations
{
    /// <summary>Set to <c>0</c> or <c>false</c> to turn annotations off (the canonical lines are still printed).</summary>
    public const string SwitchVariable = "CILOCK_CI_ANNOTATIONS";

    private static readonly Lazy<string?> ProcessPlatform = new(() =>
    {
        var environment = CiPlatforms.ProcessEnvironment();
        return environment.GetValueOrDefault(SwitchVariable)?.Trim().ToLowerInvariant() is "0" or "false" ? null : CiPlatforms.Detect(environment);
    });

    /// <summary>The CI platform of this process (<c>github</c>, <c>gitlab</c>, <c>azure-pipelines</c>) or <c>null</c> (also when switched off).</summary>
    public static string? CurrentPlatform => ProcessPlatform.Value;

    /// <summary>The annotation line for <paramref name="diagnostic"/> on <paramref name="platform"/>, or <c>null</c> (infos, GitLab, no CI).</summary>
    public static string? Format(Diagnostic diagnostic, string? platform)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (diagnostic.Severity is not (DiagnosticSeverity.Error or DiagnosticSeverity.Warning))
        {
            return null;
        }

        var level = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        switch (platform)
        {
            case GitHubAttestor.AttestorName:
                var props = new List<string>();
                if (diagnostic.File is { Length: > 0 } file)
                {
                    props.Add("file=" + GitHubProperty(file));
                }

                if (diagnostic.Line is > 0 and var line)
                {
                    props.Add("line=" + line);
                }

                props.Add("title=" + GitHubProperty(diagnostic.Code));
                return $"::{level} {string.Join(",", props)}::{GitHubData($"{diagnostic.Code}: {diagnostic.Message}")}";
            case AzurePipelinesAttestor.AttestorName:
                var fields = $"type={level}";
                if (diagnostic.File is { Length: > 0 } path)
                {
                    fields += ";sourcepath=" + Azure(path);
                }

                if (diagnostic.Line is > 0 and var l)
                {
                    fields += ";linenumber=" + l;
                }

                return $"##vso[task.logissue {fields};code={Azure(diagnostic.Code)}]{Azure($"{diagnostic.Code}: {diagnostic.Message}")}";
            default:
                return null;
        }
    }

    /// <summary>Writes the annotation for this process's CI platform, if any (after the canonical line).</summary>
    public static void Write(TextWriter writer, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Format(diagnostic, CurrentPlatform) is { } line)
        {
            writer.WriteLine(line);
        }
    }

    private static string GitHubData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string GitHubProperty(string text) =>
        GitHubData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Azure(string text) =>
        text.Replace("%", "%AZP25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}

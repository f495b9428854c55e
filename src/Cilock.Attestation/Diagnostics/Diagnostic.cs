namespace Cilock.Attestation.Diagnostics;

/// <summary>
/// One coded message for a user. Libraries return these; the CLI renders them as
/// <c>cilock: error CIL1001: …</c> and MSBuild tasks log them with the same code.
/// A message never contains a secret value.
/// </summary>
/// <param name="Code">Stable code such as <c>CIL1001</c> (ranges: 1xxx foundation/CLI, 2xxx SDK, 3xxx policy and gate, 4xxx secrets, 5xxx tracer, 6xxx Sigstore).</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Message">What failed, where, and how to fix it.</param>
/// <param name="File">Optional file the message is about.</param>
/// <param name="Line">Optional 1-based line in <paramref name="File"/>.</param>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, string? File = null, int? Line = null)
{
    /// <summary>Creates an error diagnostic.</summary>
    public static Diagnostic Error(string code, string message, string? file = null) => new(code, DiagnosticSeverity.Error, message, file);

    /// <summary>Creates a warning diagnostic.</summary>
    public static Diagnostic Warning(string code, string message, string? file = null) => new(code, DiagnosticSeverity.Warning, message, file);

    /// <summary>Formats the diagnostic in the MSBuild canonical error format, e.g. <c>cilock: error CIL1001: message</c>.</summary>
    public string ToCanonicalString(string origin = "cilock")
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        var where = File is null ? origin : Line is null ? File : $"{File}({Line})";
        return $"{where}: {severity} {Code}: {Message}";
    }
}

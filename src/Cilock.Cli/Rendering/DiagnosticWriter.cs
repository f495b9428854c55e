using Cilock.Attestation.Diagnostics;

namespace Cilock.Cli.Rendering;

/// <summary>Prints diagnostics in the MSBuild canonical format (<c>cilock: error CIL1234: message</c>), one per line.</summary>
internal static class DiagnosticWriter
{
    /// <summary>Writes one diagnostic.</summary>
    public static void Write(TextWriter writer, Diagnostic diagnostic)
    {
        writer.WriteLine(diagnostic.ToCanonicalString());
        Cilock.Operations.Reporting.CiAnnotations.Write(writer, diagnostic);
    }

    /// <summary>Writes every diagnostic and returns whether any of them was an error.</summary>
    public static bool Write(TextWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        var anyError = false;
        foreach (var d in diagnostics)
        {
            Write(writer, d);
            anyError |= d.Severity == DiagnosticSeverity.Error;
        }

        return anyError;
    }

    /// <summary>Writes an error line with <paramref name="code"/>.</summary>
    public static void Error(TextWriter writer, string code, string message) =>
        Write(writer, Diagnostic.Error(code, message));
}

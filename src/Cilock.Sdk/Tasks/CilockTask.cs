using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Recording;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Cilock.Sdk.Tasks;

/// <summary>
/// Base of the Cilock tasks: runs <see cref="Run"/>, turns expected failures into coded MSBuild errors (warnings when
/// <see cref="FailOnError"/> is false) and never lets a stack trace reach the build log.
/// </summary>
public abstract class CilockTask : Task
{
    /// <summary>When false, Cilock errors are logged as warnings and the build goes on (<c>CilockFailOnError</c>).</summary>
    public bool FailOnError { get; set; } = true;

    /// <inheritdoc />
    public sealed override bool Execute()
    {
        try
        {
            Run();
        }
        catch (CilockException e)
        {
            Report(Diagnostic.Error(e.Code, e.Message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Report(Diagnostic.Error(RecordingDiagnostics.InternalError, $"unexpected {e.GetType().Name} in {GetType().Name}: {e.Message}"));
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The task's work; throws <see cref="CilockException"/> for expected failures.</summary>
    protected abstract void Run();

    /// <summary>Logs diagnostics with their codes; errors become warnings when <see cref="FailOnError"/> is false.</summary>
    protected void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Report(diagnostic);
        }
    }

    /// <summary>Logs one diagnostic with its code.</summary>
    protected void Report(Diagnostic diagnostic)
    {
        var text = "Cilock: " + diagnostic.Message;
        var file = diagnostic.File ?? BuildEngine?.ProjectFileOfTaskNode ?? "";
        var line = diagnostic.Line ?? 0;
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error when FailOnError:
                Log.LogError(null, diagnostic.Code, null, file, line, 0, 0, 0, text);
                break;
            case DiagnosticSeverity.Error:
            case DiagnosticSeverity.Warning:
                Log.LogWarning(null, diagnostic.Code, null, file, line, 0, 0, 0, text);
                break;
            default:
                Log.LogMessage(MessageImportance.Normal, $"{diagnostic.Code}: {text}");
                break;
        }
    }

    /// <summary>Splits a semicolon list property into trimmed, non-empty values.</summary>
    protected static string[] SplitList(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

namespace Cilock.Attestation.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Informational; never fails anything.</summary>
    Info,

    /// <summary>Something is off but the operation could continue.</summary>
    Warning,

    /// <summary>The operation failed.</summary>
    Error,
}

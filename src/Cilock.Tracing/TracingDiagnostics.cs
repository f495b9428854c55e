namespace Cilock.Tracing;

/// <summary>The CIL5xxx diagnostic codes of the tracer (see docs/diagnostics.md).</summary>
public static class TracingDiagnostics
{
    /// <summary>ptrace is not permitted here (YAMA ptrace_scope, missing capability, or a seccomp profile).</summary>
    public const string PtraceUnavailable = "CIL5001";

    /// <summary>The bundled tracer binary is missing or not executable.</summary>
    public const string TracerMissing = "CIL5002";

    /// <summary>The seccomp prefilter could not be installed.</summary>
    public const string SeccompUnavailable = "CIL5003";

    /// <summary>Tracing is not supported on this operating system or architecture.</summary>
    public const string UnsupportedPlatform = "CIL5004";

    /// <summary>The tracer ended without a complete record stream (killed or crashed).</summary>
    public const string TraceIncomplete = "CIL5005";

    /// <summary>CilockTrace=auto and tracing is unavailable here: the step is recorded untraced (warning).</summary>
    public const string TraceSkipped = "CIL5006";

    /// <summary>CilockTrace has a value other than <c>true</c>, <c>auto</c> or <c>false</c>.</summary>
    public const string InvalidTraceMode = "CIL5007";

    /// <summary>A tool of the step could not be routed through the tracer (test host settings, Testing Platform) (warning).</summary>
    public const string ToolNotTraced = "CIL5008";
}

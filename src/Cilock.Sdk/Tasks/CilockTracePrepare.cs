using Cilock.Attestation.Diagnostics;
using Cilock.Tracing;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>
/// <c>CilockTrace</c>: checks that tracing works here and writes the wrapper script that runs a tool of the build (the
/// compiler, the test host) under the bundled tracer. <see cref="Script"/> stays empty when the step runs untraced.
/// </summary>
public sealed class CilockTracePrepare : CilockTask
{
    /// <summary><c>true</c> (tracing must work), <c>auto</c> (warn and go on untraced when it cannot) or <c>false</c>.</summary>
    public string? Mode { get; set; }

    /// <summary>The real tool: program and leading arguments (the build engine's own arguments follow).</summary>
    [Required]
    public string[] Command { get; set; } = [];

    /// <summary>Where the wrapper script is written.</summary>
    [Required]
    public string ScriptFile { get; set; } = "";

    /// <summary>The record file, or the folder of per-invocation record files.</summary>
    [Required]
    public string RecordsPath { get; set; } = "";

    /// <summary>Whether <see cref="RecordsPath"/> is a folder with one file per invocation.</summary>
    public bool OneFilePerInvocation { get; set; }

    /// <summary>The wrapper script to run instead of the tool; empty when the step runs untraced.</summary>
    [Output]
    public string Script { get; set; } = "";

    /// <inheritdoc />
    protected override void Run()
    {
        var mode = (Mode ?? "").Trim().ToLowerInvariant();
        switch (mode)
        {
            case "" or "false":
                return;
            case "true" or "auto":
                break;
            default:
                throw new CilockException(TracingDiagnostics.InvalidTraceMode, $"CilockTrace '{Mode}' is not supported; use true, auto or false");
        }

        if (TracedToolWrapper.Probe() is { } unavailable)
        {
            if (mode == "true")
            {
                throw unavailable;
            }

            Report(Diagnostic.Warning(
                TracingDiagnostics.TraceSkipped,
                $"CilockTrace=auto: tracing is unavailable here, so '{Path.GetFileName(Command.FirstOrDefault() ?? "")}' runs untraced and the step's evidence has no process trace ({unavailable.Code}: {unavailable.Message})"));
            return;
        }

        Script = TracedToolWrapper.Write(ScriptFile, Command, RecordsPath, OneFilePerInvocation);
        Log.LogMessage(MessageImportance.Normal, $"Cilock: tracing '{string.Join(' ', Command)}' through {Script}");
    }
}

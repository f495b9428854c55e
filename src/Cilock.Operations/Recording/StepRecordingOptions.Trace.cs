namespace Cilock.Operations.Recording;

// Process tracing of a recorded step (CilockTrace): the tracer's records of the tool the build engine ran.
public sealed partial record StepRecordingOptions
{
    /// <summary>
    /// The tracer's record file, or a folder of <c>*.records</c> files (one per traced invocation), written while the
    /// step's tool ran under <see cref="Cilock.Tracing.TracedToolWrapper"/>; the processes are attached to the
    /// command-run attestation (<c>captureMode: "trace"</c>). <c>null</c> = not traced.
    /// </summary>
    public string? TraceRecords { get; init; }
}

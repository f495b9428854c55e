using Cilock.Operations.Recording;

namespace Cilock.Sdk.Tasks;

// Process tracing (Cilock.Trace.targets): the records the traced compiler or test host wrote.
public sealed partial class CilockRecordStep
{
    /// <summary>The tracer's record file or folder for this step (<c>CilockTrace</c>); empty = not traced.</summary>
    public string? TraceFile { get; set; }

    private StepRecordingOptions WithTrace(StepRecordingOptions options) =>
        string.IsNullOrWhiteSpace(TraceFile) ? options : options with { TraceRecords = Path.GetFullPath(TraceFile) };
}

using Cilock.Operations.Recording;

namespace Cilock.Sdk.Tasks;

// The test step (Cilock.Test.targets): the recorded command names the test assembly relative to the recording root.
public sealed partial class CilockRecordStep
{
    /// <summary>Rewrites absolute paths inside the recording root in the recorded command as relative ones.</summary>
    public bool RelativeCommandPaths { get; set; }

    private StepRecordingOptions WithTests(StepRecordingOptions options) =>
        RelativeCommandPaths ? StepRecordingOperation.WithRelativeCommandPaths(options) : options;
}

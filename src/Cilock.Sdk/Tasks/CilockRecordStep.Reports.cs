using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

// The reports a step attests: the normalised compiler SARIF log (build) and TRX reports (test).
public sealed partial class CilockRecordStep
{
    /// <summary>The SARIF 2.1.0 log recorded as the <c>sarif</c> attestor (at most one item).</summary>
    public ITaskItem[] SarifReport { get; set; } = [];

    /// <summary>TRX reports recorded as the <c>test-results</c> attestor.</summary>
    public ITaskItem[] TestReports { get; set; } = [];

    private StepRecordingOptions WithReports(StepRecordingOptions options) => options with
    {
        SarifReport = SarifReport.Select(i => i.GetMetadata("FullPath")).FirstOrDefault(p => p.Length > 0),
        TestReports = [.. TestReports.Select(i => i.GetMetadata("FullPath")).Where(p => p.Length > 0)],
    };
}

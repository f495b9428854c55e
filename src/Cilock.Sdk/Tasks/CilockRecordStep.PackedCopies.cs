using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

// The pack step (Cilock.Pack.targets): the bin/ copies of the packed obj/ files, checked and recorded as materials.
public sealed partial class CilockRecordStep
{
    /// <summary>
    /// Build-output copies (item spec, e.g. <c>bin/…/Lib.dll</c>) of packed files (metadata <c>PackedFrom</c>, the
    /// <c>obj/</c> original): each must be byte-identical to what was packed and is then recorded as a material.
    /// </summary>
    public ITaskItem[] PackedOutputCopies { get; set; } = [];

    private StepRecordingOptions WithPackedCopies(StepRecordingOptions options) =>
        PackedOutputCopies.Length == 0
            ? options
            : StepRecordingOperation.WithPackedOutputCopies(options, PackedOutputCopies
                .Where(i => !string.IsNullOrWhiteSpace(i.GetMetadata("PackedFrom")))
                .Select(i => (Path.GetFullPath(i.GetMetadata("PackedFrom")), i.GetMetadata("FullPath"))));
}

using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>Writes <c>&lt;package&gt;.nupkg.intoto.jsonl</c> with every step that led to each package.</summary>
public sealed class CilockWriteSidecar : CilockTask
{
    /// <summary>The .nupkg files.</summary>
    [Required]
    public ITaskItem[] Packages { get; set; } = [];

    /// <summary>The signed pack step.</summary>
    [Required]
    public string PackEnvelope { get; set; } = "";

    /// <summary>Build and linked test envelopes that may belong to the package.</summary>
    public ITaskItem[] CandidateEnvelopes { get; set; } = [];

    /// <summary>The sidecars written.</summary>
    [Output]
    public ITaskItem[] Sidecars { get; set; } = [];

    /// <inheritdoc />
    protected override void Run()
    {
        var written = new List<ITaskItem>();
        foreach (var package in Packages)
        {
            var (sidecar, included) = PackageSidecar.Write(
                package.GetMetadata("FullPath"),
                PackEnvelope,
                CandidateEnvelopes.Select(c => c.GetMetadata("FullPath")));
            written.Add(new Microsoft.Build.Utilities.TaskItem(sidecar));
            Log.LogMessage(MessageImportance.High, $"Cilock: {sidecar} ({included.Count} signed steps)");
        }

        Sidecars = [.. written];
    }
}

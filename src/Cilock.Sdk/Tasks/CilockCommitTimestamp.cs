using System.Globalization;
using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>Computes <c>DeterministicTimestamp</c> for pack: git HEAD commit time, else SOURCE_DATE_EPOCH, else a fixed epoch.</summary>
public sealed class CilockCommitTimestamp : CilockTask
{
    /// <summary>The project folder (inside the repository).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The SOURCE_DATE_EPOCH value, if any.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>Unix seconds.</summary>
    [Output]
    public string Timestamp { get; set; } = "";

    /// <inheritdoc />
    protected override void Run()
    {
        var (seconds, source) = CommitTimestamp.Resolve(ProjectDirectory, SourceDateEpoch);
        Timestamp = seconds.ToString(CultureInfo.InvariantCulture);
        Log.LogMessage(MessageImportance.Normal, $"Cilock: DeterministicTimestamp={Timestamp} ({source})");
    }
}

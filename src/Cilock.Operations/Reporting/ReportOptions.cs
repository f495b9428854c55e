namespace Cilock.Operations.Reporting;

/// <summary>Inputs of <c>cilock report</c> and the SDK's <c>CilockReport</c> task.</summary>
public sealed record ReportOptions
{
    /// <summary>A <c>.nupkg</c> (its <c>.intoto.jsonl</c> sidecar is read), evidence files, directories or bundles (<c>.tar.gz</c>).</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Where the HTML page is written (atomically).</summary>
    public required string OutputPath { get; init; }

    /// <summary>Verification summaries (<c>cilock verify --vsa-outfile</c>) whose verdict and reasons are shown.</summary>
    public IReadOnlyList<string> VerificationSummaries { get; init; } = [];

    /// <summary>Page title; <c>null</c> = derived from the first input.</summary>
    public string? Title { get; init; }
}

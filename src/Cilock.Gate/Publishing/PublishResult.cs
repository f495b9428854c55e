using Cilock.Attestation.Diagnostics;

namespace Cilock.Gate.Publishing;

/// <summary>The result of a gated push.</summary>
/// <param name="Outcome">Pushed, refused by policy, or failed.</param>
/// <param name="Diagnostics">Errors, policy reasons and notes, in order; never contain secrets.</param>
public sealed record PublishResult(PublishOutcome Outcome, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The CLI exit code: 0 pushed, 1 refused by policy, 2 error.</summary>
    public int ExitCode => (int)Outcome;

    /// <summary>Package id read from the verified copy, when it could be read.</summary>
    public string? PackageId { get; init; }

    /// <summary>Normalized package version, when it could be read.</summary>
    public string? PackageVersion { get; init; }

    /// <summary>sha256 (hex) of the verified bytes — the exact bytes pushed.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The feed as displayed (no credentials).</summary>
    public string? Feed { get; init; }

    /// <summary>Folder feeds: the published package path.</summary>
    public string? PublishedPath { get; init; }

    /// <summary>Folder feeds: the evidence sidecar written beside the package.</summary>
    public string? PublishedSidecarPath { get; init; }

    /// <summary>NuGet's log lines (scrubbed), for verbose output.</summary>
    public IReadOnlyList<string> NuGetLog { get; init; } = [];
}

using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;

namespace Cilock.Operations.Publishing;

/// <summary>
/// <c>cilock push --evidence-only</c>: deposits a package's evidence at a cilock admission gate so that a later plain
/// <c>dotnet nuget push</c> of the package is admitted. No policy is needed here: the gate verifies at push time.
/// Exit codes: 0 uploaded, 2 error.
/// </summary>
public static class EvidenceUploadOperation
{
    /// <summary>Resolves the evidence files and the key, then uploads.</summary>
    public static async Task<PublishResult> ExecuteAsync(EvidenceUploadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.PackagePath))
        {
            return new PublishResult(PublishOutcome.Failed, [Diagnostic.Error(GateDiagnostics.PackageUnreadable, "the package does not exist", options.PackagePath)]);
        }

        var sidecar = Path.GetFullPath(options.PackagePath) + ".intoto.jsonl";
        var files = new List<string>();
        if (options.Attestations.Count == 0)
        {
            if (File.Exists(sidecar))
            {
                files.Add(sidecar);
            }
        }
        else
        {
            foreach (var path in options.Attestations)
            {
                if (Directory.Exists(path))
                {
                    // Same shapes the gate and `cilock verify` read: JSON lines and single envelopes.
                    files.AddRange(Directory.EnumerateFiles(path, "*.jsonl").Concat(Directory.EnumerateFiles(path, "*.json")).Order(StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    return new PublishResult(PublishOutcome.Failed, [Diagnostic.Error(GateDiagnostics.EvidenceMissing, "the evidence file does not exist", path)]);
                }
            }
        }

        var apiKey = NuGetApiKeyResolver.Resolve(options.ApiKeyEnvironmentVariable, options.Gate, options.ConfigurationRoot, out var notes, options.GetEnvironmentVariable);
        var result = await EvidenceUploader.UploadAsync(options.Gate, files, apiKey, options.AllowInsecureConnections, options.TimeoutSeconds, options.Handler, cancellationToken).ConfigureAwait(false);
        return notes.Count == 0 ? result : result with { Diagnostics = [.. notes, .. result.Diagnostics] };
    }
}

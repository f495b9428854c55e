using Cilock.Gate.Publishing;
using Cilock.Operations.Publishing;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>
/// Verify-then-push of each package (the same <see cref="PushOperation"/> as <c>cilock push</c>): verifies a private
/// copy against the signed policy and pushes exactly that copy. Refusals and push failures are coded errors.
/// </summary>
public sealed class CilockPush : CilockTask
{
    /// <summary>The .nupkg files to push.</summary>
    [Required]
    public ITaskItem[] Packages { get; set; } = [];

    /// <summary>Folder, https push URL, v3 index URL or NuGet source name.</summary>
    [Required]
    public string Source { get; set; } = "";

    /// <summary>The signed policy.</summary>
    [Required]
    public string Policy { get; set; } = "";

    /// <summary>Public key(s) the policy must be signed with.</summary>
    [Required]
    public ITaskItem[] PolicyKeys { get; set; } = [];

    /// <summary>Extra evidence; empty = each package's sidecar.</summary>
    public ITaskItem[] Evidence { get; set; } = [];

    /// <summary>Environment variable holding the API key (default NUGET_API_KEY); the value is never logged.</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>Also push the symbols package beside each package.</summary>
    public bool IncludeSymbols { get; set; }

    /// <summary>Allow a plain http:// feed.</summary>
    public bool AllowInsecureConnections { get; set; }

    /// <summary>Witness compat: also search sha1 subject digests (<c>CilockMatchAllDigestAlgorithms</c>).</summary>
    public bool MatchAllDigestAlgorithms { get; set; }

    /// <summary>Sigstore trusted root for bundles among the evidence (<c>CilockSigstoreTrustedRoot</c>); empty = public-good.</summary>
    public string SigstoreTrustedRoot { get; set; } = "";

    /// <summary>Push timeout in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 300;

    /// <inheritdoc />
    protected override void Run()
    {
        var operation = PushOperation.CreateDefault();
        var projectDirectory = Path.GetDirectoryName(BuildEngine?.ProjectFileOfTaskNode) ?? Environment.CurrentDirectory;
        var source = ResolveSource(Source, projectDirectory);
        foreach (var package in Packages)
        {
            var options = new PushOptions(package.GetMetadata("FullPath"), source, Policy, [.. PolicyKeys.Select(k => k.GetMetadata("FullPath"))])
            {
                Attestations = [.. Evidence.Select(e => e.GetMetadata("FullPath"))],
                ApiKeyEnvironmentVariable = string.IsNullOrWhiteSpace(ApiKeyEnv) ? null : ApiKeyEnv,
                IncludeSymbols = IncludeSymbols,
                AllowInsecureConnections = AllowInsecureConnections,
                TimeoutSeconds = TimeoutSeconds,
                ConfigurationRoot = projectDirectory,
                Verification = new() { MatchAllDigestAlgorithms = MatchAllDigestAlgorithms },
                SigstoreTrustedRoot = string.IsNullOrWhiteSpace(SigstoreTrustedRoot) ? null : Path.GetFullPath(SigstoreTrustedRoot, projectDirectory),
            };
            var result = operation.Execute(options);
            Report(result.Diagnostics);
            if (result.Outcome == PublishOutcome.Pushed)
            {
                Log.LogMessage(MessageImportance.High, $"Cilock: pushed {result.PackageId} {result.PackageVersion} (sha256 {result.Sha256}) to {result.Feed}");
            }
        }
    }

    // A relative folder in CilockPushSource means "relative to the project", like every other MSBuild path;
    // URLs and NuGet source names pass through unchanged.
    private static string ResolveSource(string source, string projectDirectory)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out _) || Path.IsPathRooted(source))
        {
            return source;
        }

        var candidate = Path.GetFullPath(Path.Combine(projectDirectory, source));
        return Directory.Exists(candidate) || source.Contains('/', StringComparison.Ordinal) || source.StartsWith('.') ? candidate : source;
    }
}

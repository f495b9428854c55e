using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using Cilock.Operations.Publishing;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>
/// Verifies each produced package against a signed policy (subject = the package's sha256; evidence = its
/// <c>.intoto.jsonl</c> sidecar plus <see cref="Evidence"/>). A failing package fails the build with CIL3801 and one
/// error per policy reason.
/// </summary>
public sealed class CilockVerify : CilockTask
{
    /// <summary>The signed policy.</summary>
    [Required]
    public string Policy { get; set; } = "";

    /// <summary>Public key(s) the policy must be signed with.</summary>
    [Required]
    public ITaskItem[] PolicyKeys { get; set; } = [];

    /// <summary>The .nupkg files to verify.</summary>
    [Required]
    public ITaskItem[] Packages { get; set; } = [];

    /// <summary>Extra evidence files or directories (e.g. the project's evidence store).</summary>
    public ITaskItem[] Evidence { get; set; } = [];

    /// <summary>Witness compat: also search sha1 subject digests (<c>CilockMatchAllDigestAlgorithms</c>).</summary>
    public bool MatchAllDigestAlgorithms { get; set; }

    /// <summary>Sigstore trusted root for bundles among the evidence (<c>CilockSigstoreTrustedRoot</c>); empty = public-good.</summary>
    public string SigstoreTrustedRoot { get; set; } = "";

    /// <inheritdoc />
    protected override void Run()
    {
        var verifier = new PolicyPackageVerifier(
            Policy,
            [.. PolicyKeys.Select(k => k.GetMetadata("FullPath"))],
            new() { MatchAllDigestAlgorithms = MatchAllDigestAlgorithms })
        {
            SigstoreTrustedRoot = string.IsNullOrWhiteSpace(SigstoreTrustedRoot)
                ? null
                : Path.GetFullPath(SigstoreTrustedRoot, Path.GetDirectoryName(BuildEngine.ProjectFileOfTaskNode) ?? Directory.GetCurrentDirectory()),
        };
        foreach (var package in Packages)
        {
            var path = package.GetMetadata("FullPath");
            var sidecar = path + ".intoto.jsonl";
            List<string> evidence = [.. File.Exists(sidecar) ? [sidecar] : Array.Empty<string>(), .. Evidence.Select(e => e.GetMetadata("FullPath"))];
            var (verdict, sha256) = verifier.VerifyFile(path, evidence, CancellationToken.None);
            if (verdict.Passed)
            {
                Log.LogMessage(MessageImportance.High, $"Cilock: {Path.GetFileName(path)} (sha256 {sha256}) satisfies policy {Path.GetFileName(Policy)}");
                Report(verdict.Reasons.Where(r => r.Severity != DiagnosticSeverity.Error));
                continue;
            }

            Report(Diagnostic.Error(GateDiagnostics.Refused, $"{Path.GetFileName(path)} (sha256 {sha256}) does not satisfy policy '{Policy}'", path));
            Report(verdict.Reasons);
        }
    }
}

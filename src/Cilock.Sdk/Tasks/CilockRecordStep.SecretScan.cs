using Cilock.Operations.Recording;
using Cilock.Secrets.Findings;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Cilock.Sdk.Tasks;

// Secret scanning of the pack step (Cilock.SecretScan.targets). The task only records: it hands the findings back as
// items, and the targets report them (warnings, or errors after the sidecar is written) so the signed evidence and
// the sidecar always exist before the build fails.
public sealed partial class CilockRecordStep
{
    private readonly List<SecretFinding> _secretFindings = [];

    /// <summary>Runs the secretscan attestor over the step's evidence, products (nupkg entries) and <see cref="SecretScanFiles"/>.</summary>
    public bool SecretScan { get; set; }

    /// <summary>Optional rules file (<c>CilockSecretScanRules</c>); empty = built-in rules.</summary>
    public string? SecretScanRules { get; set; }

    /// <summary>Further text files to scan (TRX reports, SARIF logs).</summary>
    public ITaskItem[] SecretScanFiles { get; set; } = [];

    /// <summary>
    /// One item per finding: ItemSpec = location (e.g. <c>product:bin/x.1.0.0.nupkg!/content/a.json</c>); metadata
    /// <c>RuleId</c>, <c>Line</c>, <c>Sha256</c>, <c>EncodingPath</c>, <c>File</c> (the scanned file on disk) and
    /// <c>Message</c> (rule, location, line and hash; never the value).
    /// </summary>
    [Output]
    public ITaskItem[] SecretFindings { get; set; } = [];

    private StepRecordingOptions WithSecretScan(StepRecordingOptions options) => !SecretScan ? options : options with
    {
        SecretScan = true,
        SecretScanRules = string.IsNullOrWhiteSpace(SecretScanRules) ? null : SecretScanRules,
        SecretScanFiles = [.. SecretScanFiles.Select(i => i.GetMetadata("FullPath")).Where(p => p.Length > 0)],
        SecretScanFindings = _secretFindings,
    };

    /// <summary>Publishes the findings of a step whose evidence was written.</summary>
    private void PublishSecretFindings(StepRecordingOptions options, StepRecordingResult result)
    {
        if (result.EnvelopePath is null)
        {
            return;
        }

        var files = options.Products.Concat(options.SecretScanFiles).ToList();
        SecretFindings = [.. _secretFindings.Select(f => (ITaskItem)new TaskItem(f.Location, new Dictionary<string, string>
        {
            ["RuleId"] = f.RuleId,
            ["Line"] = f.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sha256"] = f.Secret.Sha256Hex ?? "",
            ["EncodingPath"] = string.Join(">", f.EncodingPath),
            ["File"] = ScannedFile(f.Location, files),
            ["Message"] = Secrets.Attestors.SecretScanAttestor.ToDiagnostics([f])[0].Message,
        }))];
    }

    // product:<path>[!/entry] and file:<path> name a file relative to the step's working directory (which may be
    // the git root): find it among the files given to the step; attestation:… findings point at the project.
    private string ScannedFile(string location, List<string> files)
    {
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && location[..colon] is "product" or "file")
        {
            var path = location[(colon + 1)..];
            var bang = path.IndexOf("!/", StringComparison.Ordinal);
            path = bang < 0 ? path : path[..bang];
            var match = files.FirstOrDefault(f => f == path || f.Replace('\\', '/').EndsWith("/" + path, StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }
        }

        return Path.GetFullPath(ProjectPath);
    }
}

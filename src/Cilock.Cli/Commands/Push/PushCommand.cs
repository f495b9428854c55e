using System.CommandLine;
using Cilock.Attestation.Diagnostics;
using Cilock.Cli.Rendering;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.Operations.Publishing;

namespace Cilock.Cli.Commands.Push;

/// <summary>
/// <c>cilock push PACKAGE.nupkg --source URL|DIR --policy P --publickey K</c>: verify the package's evidence against
/// a signed policy, then push exactly the verified bytes. Exit 0 pushed, 1 refused by policy (nothing pushed),
/// 2 error. With <c>--evidence-only</c> it instead uploads the evidence to a cilock admission gate (no policy needed:
/// the gate verifies when the package is pushed); exit 0 uploaded, 2 error.
/// </summary>
internal sealed class PushCommand : Command
{
    private readonly Argument<FileInfo> _package = new("package") { Description = "The .nupkg to verify and push" };

    private readonly Option<string> _source = new("--source", "-s")
    {
        Description = "Folder feed, https push URL, v3 index.json URL, or a source name from NuGet configuration",
        Required = true,
    };

    private readonly Option<FileInfo> _policy = new("--policy", "-p") { Description = "Signed policy (DSSE envelope); required unless --evidence-only" };

    private readonly Option<FileInfo[]> _publicKeys = new("--publickey", "-k")
    {
        Description = "Public key(s) the policy must be signed with; required unless --evidence-only",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> _attestations = new("--attestations", "-a")
    {
        Description = "Evidence files or directories (default: the package's sidecar PACKAGE.nupkg.intoto.jsonl)",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string> _apiKeyEnv = new("--api-key-env")
    {
        Description = $"Environment variable holding the API key (default {NuGetApiKeyResolver.DefaultEnvironmentVariable}; then NuGet configuration). The key is never printed",
    };

    private readonly Option<bool> _symbols = new("--symbols") { Description = "Also push the .snupkg (or .symbols.nupkg) beside the package" };

    private readonly Option<bool> _allowInsecure = new("--allow-insecure-connections")
    {
        Description = "Allow a plain http:// feed (the key and package travel unencrypted; trusted local feeds only)",
    };

    private readonly Option<FileInfo> _trustedRoot = new("--trusted-root") { Description = "Sigstore trusted_root.json for *.sigstore.json evidence (default: the embedded public-good root)" };

    private readonly Option<bool> _matchAllDigestAlgorithms = new("--match-all-digest-algorithms")
    {
        Description = "Witness compat (as cilock verify): also search sha1 subject digests, e.g. steps linked only by their git commit",
    };

    private readonly Option<bool> _evidenceOnly = new("--evidence-only")
    {
        Description = "Only upload the evidence (--attestations, default the sidecar) to the cilock admission gate at --source (base URL or /v3/index.json); then push the package with plain dotnet nuget push",
    };

    private readonly Option<int> _timeout = new("--timeout") { Description = "Push timeout in seconds", DefaultValueFactory = _ => 300 };

    /// <summary>Creates the command.</summary>
    public PushCommand()
        : base("push", "Verify a package's evidence against a signed policy, then push exactly the verified bytes to a NuGet feed")
    {
        Arguments.Add(_package);
        Options.Add(_source);
        Options.Add(_policy);
        Options.Add(_publicKeys);
        Options.Add(_attestations);
        Options.Add(_apiKeyEnv);
        Options.Add(_symbols);
        Options.Add(_allowInsecure);
        Options.Add(_matchAllDigestAlgorithms);
        Options.Add(_trustedRoot);
        Options.Add(_evidenceOnly);
        Options.Add(_timeout);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (parse.GetValue(_evidenceOnly))
        {
            return await UploadEvidenceAsync(parse, cancellationToken).ConfigureAwait(false);
        }

        var policy = parse.GetValue(_policy);
        var keys = parse.GetValue(_publicKeys) ?? [];
        if (policy is null || keys.Length == 0)
        {
            DiagnosticWriter.Write(error, [Diagnostic.Error(GateDiagnostics.PolicyRequired, "cilock push needs --policy and --publickey (or --evidence-only to upload evidence to an admission gate)")]);
            return 2;
        }

        var options = new PushOptions(
            parse.GetValue(_package)!.FullName,
            parse.GetValue(_source)!,
            policy.FullName,
            [.. keys.Select(f => f.FullName)])
        {
            Attestations = parse.GetValue(_attestations) ?? [],
            ApiKeyEnvironmentVariable = parse.GetValue(_apiKeyEnv),
            IncludeSymbols = parse.GetValue(_symbols),
            AllowInsecureConnections = parse.GetValue(_allowInsecure),
            TimeoutSeconds = parse.GetValue(_timeout),
            Verification = new() { MatchAllDigestAlgorithms = parse.GetValue(_matchAllDigestAlgorithms) },
            SigstoreTrustedRoot = parse.GetValue(_trustedRoot)?.FullName,
        };

        var result = await PushOperation.CreateDefault().ExecuteAsync(options, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue<bool>("--verbose"))
        {
            foreach (var line in result.NuGetLog)
            {
                error.WriteLine($"nuget: {line}");
            }
        }

        DiagnosticWriter.Write(error, result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info));
        var package = result.PackageId is null ? Path.GetFileName(options.PackagePath) : $"{result.PackageId} {result.PackageVersion}";
        Report.CiOutput.PushSummary(package, result.Sha256, result.Outcome.ToString(), result.Feed, result.Diagnostics, error);
        switch (result.Outcome)
        {
            case PublishOutcome.Pushed:
                output.WriteLine($"pushed {package} (sha256 {result.Sha256}) to {result.Feed}");
                if (result.PublishedPath is not null)
                {
                    output.WriteLine($"  package:  {result.PublishedPath}");
                }

                if (result.PublishedSidecarPath is not null)
                {
                    output.WriteLine($"  evidence: {result.PublishedSidecarPath}");
                }

                break;
            case PublishOutcome.Refused:
                output.WriteLine($"refused {package}: policy verification failed; nothing was pushed");
                break;
            default:
                output.WriteLine($"not pushed {package}: see the errors above");
                break;
        }

        return result.ExitCode;
    }

    private async Task<int> UploadEvidenceAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var package = parse.GetValue(_package)!.FullName;
        var options = new EvidenceUploadOptions(package, parse.GetValue(_source)!)
        {
            Attestations = parse.GetValue(_attestations) ?? [],
            ApiKeyEnvironmentVariable = parse.GetValue(_apiKeyEnv),
            AllowInsecureConnections = parse.GetValue(_allowInsecure),
            TimeoutSeconds = parse.GetValue(_timeout),
        };
        var result = await EvidenceUploadOperation.ExecuteAsync(options, cancellationToken).ConfigureAwait(false);
        DiagnosticWriter.Write(parse.InvocationConfiguration.Error, result.Diagnostics);
        parse.InvocationConfiguration.Output.WriteLine(result.Outcome == PublishOutcome.Pushed
            ? $"uploaded the evidence of {Path.GetFileName(package)} to {result.Feed}; now push the package (e.g. dotnet nuget push)"
            : $"evidence of {Path.GetFileName(package)} not uploaded: see the errors above");
        return result.ExitCode;
    }
}

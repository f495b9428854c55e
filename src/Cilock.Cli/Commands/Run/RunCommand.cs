using System.CommandLine;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Cli.Hosting;
using Cilock.Cli.Rendering;
using Cilock.Operations.Run;

namespace Cilock.Cli.Commands.Run;

/// <summary>
/// <c>cilock run --step NAME [options] -- COMMAND ARGS…</c>: runs a command, records the step's evidence and writes it
/// as a signed DSSE envelope. Exits with the wrapped command's exit code (evidence is written for failing commands
/// too); 2 when cilock itself could not record.
/// </summary>
internal sealed class RunCommand : Command
{
    /// <summary>The step name.</summary>
    public readonly Option<string> Step = new("--step", "-s")
    {
        HelpName = "NAME",
        Description = "Step name recorded in the collection; must match the policy step",
        Required = true,
    };

    /// <summary>The signing key.</summary>
    public readonly Option<string?> Key = new("--key", "-k")
    {
        HelpName = "PEM",
        Description = "PEM private key to sign with (default: your per-user key, created on first use)",
    };

    /// <summary>The name of the variable holding the key password.</summary>
    public readonly Option<string?> KeyPasswordEnv = new("--key-password-env")
    {
        HelpName = "VAR",
        Description = "Name of the environment variable holding the key's password",
    };

    /// <summary>Where the envelope goes.</summary>
    public readonly Option<string?> OutFile = new("--outfile", "-o")
    {
        HelpName = "FILE",
        Description = "Signed evidence file (default: <step>.attestation.json in the current directory)",
    };

    /// <summary>Optional attestors.</summary>
    public readonly Option<string[]> Attestations = new("--attestations", "-a")
    {
        HelpName = "LIST",
        Description = $"Attestors to add, comma-separated or repeated ({string.Join(", ", AttestorCatalog.Names)}); default: environment, git (in a repository). material, command-run and product always run",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The output vocabulary.</summary>
    public readonly Option<string> DialectOption = new Option<string>("--dialect")
    {
        Description = "Evidence vocabulary: cilock (default) or witness (loadable by Witness v0.10)",
        DefaultValueFactory = _ => "cilock",
    }.AcceptOnlyFromAmong("cilock", "witness");

    /// <summary>The working directory of the command.</summary>
    public readonly Option<string?> WorkingDir = new("--workingdir", "-d")
    {
        HelpName = "DIR",
        Description = "Directory to run the command in and record materials/products from (default: current directory)",
    };

    /// <summary>Digest algorithms.</summary>
    public readonly Option<string[]> Hashes = new("--hashes")
    {
        HelpName = "LIST",
        Description = "Digest algorithms for files, comma-separated: sha256 (default), sha1, gitoid:sha256, gitoid:sha1",
    };

    /// <summary>Material exclusions.</summary>
    public readonly Option<string[]> MaterialExclude = new("--material-exclude")
    {
        HelpName = "GLOB",
        Description = "Glob of files not recorded as materials (repeatable), e.g. 'obj/**'",
    };

    /// <summary>Product exclusions.</summary>
    public readonly Option<string[]> ProductExclude = new("--product-exclude")
    {
        HelpName = "GLOB",
        Description = "Glob of files not recorded as products (repeatable)",
    };

    /// <summary>Trace the command's processes (Linux; the bundled ptrace tracer).</summary>
    public readonly Option<bool> Trace = new("--trace")
    {
        Description = "Trace the command's processes, opened files and network (Linux, needs ptrace)",
    };

    /// <summary>Scan evidence, output and products for secrets (the secretscan attestor).</summary>
    public readonly Option<bool> SecretScan = new("--secretscan")
    {
        Description = "Scan the step's evidence, output and products for secrets (records hashes, never values)",
    };

    /// <summary>Fail the step when the secret scan finds anything (after the evidence is written).</summary>
    public readonly Option<bool> SecretScanFailOnDetection = new("--secretscan-fail-on-detection")
    {
        Description = "Exit 1 when secrets are found (the signed evidence is still written); implies --secretscan",
    };

    private readonly Archivista.ArchivistaOptions _archivista = new("Also store the signed evidence in this Archivista server");

    private readonly KeylessRunOptions _keyless = new();

    /// <summary>The wrapped command.</summary>
    public readonly Argument<string[]> CommandLine = new("command")
    {
        Description = "The command to run and its arguments; put them after '--'",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Creates the command.</summary>
    public RunCommand()
        : base("run", "Run a command and record signed evidence of the step")
    {
        Options.Add(Step);
        Options.Add(Key);
        Options.Add(KeyPasswordEnv);
        Options.Add(OutFile);
        Options.Add(Attestations);
        Options.Add(DialectOption);
        Options.Add(WorkingDir);
        Options.Add(Hashes);
        Options.Add(MaterialExclude);
        Options.Add(ProductExclude);
        Options.Add(Trace);
        Options.Add(SecretScan);
        Options.Add(SecretScanFailOnDetection);
        _archivista.AddTo(this);
        _keyless.AddTo(this);
        Arguments.Add(CommandLine);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var attestations = parse.GetResult(Attestations) is { Implicit: false } ? OptionValues.SplitList(parse.GetValue(Attestations)) : null;
        var hashes = OptionValues.SplitList(parse.GetValue(Hashes));
        var options = new RunOptions
        {
            StepName = parse.GetValue(Step)!,
            Command = parse.GetValue(CommandLine) ?? [],
            KeyPath = parse.GetValue(Key),
            KeyPasswordEnvironmentVariable = parse.GetValue(KeyPasswordEnv),
            OutputPath = parse.GetValue(OutFile),
            Attestations = attestations,
            Dialect = parse.GetValue(DialectOption) == "witness" ? Dialect.Witness : Dialect.Cilock,
            WorkingDirectory = parse.GetValue(WorkingDir),
            Hashes = hashes.Count > 0 ? hashes : [DigestSet.Sha256],
            MaterialExcludeGlobs = parse.GetValue(MaterialExclude) ?? [],
            ProductExcludeGlobs = parse.GetValue(ProductExclude) ?? [],
            StandardOutput = output,
            StandardError = error,
            SecretScan = parse.GetValue(SecretScan),
            SecretScanFailOnDetection = parse.GetValue(SecretScanFailOnDetection),
            Keyless = _keyless.ToSettings(parse),
        };

        var runner = parse.GetValue(Trace) ? new Cilock.Tracing.TracingCommandRunner() : null;
        var result = await new RunOperation(runner).ExecuteAsync(options, ct).ConfigureAwait(false);
        DiagnosticWriter.Write(error, result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info));
        KeylessRunOptions.Report(result.Diagnostics, error);
        if (result.CreatedUserKeyPath is not null)
        {
            // Printed once, on the run that created it, so the user knows what to hand to verifiers.
            error.WriteLine($"cilock: created your signing key {result.CreatedUserKeyPath} (public key beside it, .pub); keyid {result.KeyId}");
        }

        error.WriteLine($"cilock: wrote {result.OutputPath} (step '{options.StepName}', exit code {result.ExitCode}, keyid {result.KeyId})");
        if (!await _archivista.UploadAsync(parse, result.OutputPath, error, ct).ConfigureAwait(false) && result.ExitCode == 0)
        {
            return ExitCodes.CheckFailed;
        }

        // A secret found in a step that otherwise succeeded fails it with the "check failed" code.
        return result.FailedOnSecrets && result.ExitCode == 0 ? ExitCodes.CheckFailed : result.ExitCode;
    }
}

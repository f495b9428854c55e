using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.IO;
using Cilock.Attestation.Signing;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.IO;
using Cilock.Reports.Attestors;
using Cilock.Operations.Keyless;
using Cilock.Secrets.Attestors;

namespace Cilock.Operations.Run;

/// <summary>
/// Records one step: runs the wrapped command under the attestors, signs the attestation collection as a DSSE
/// envelope and writes it atomically. Everything that can fail before the command runs (key, output path, missing
/// executable) is checked first, so a bad invocation never runs the command and never leaves a file behind.
/// Shared by <c>cilock run</c> and the MSBuild tasks.
/// </summary>
public sealed partial class RunOperation
{
    private readonly ICommandRunner? _runner;
    private readonly string? _userKeyDirectory;

    /// <summary>Creates the operation.</summary>
    /// <param name="runner">Runs the wrapped command; defaults to a real child process.</param>
    /// <param name="userKeyDirectory">Folder of the per-user key; defaults to <see cref="UserKeyStore.DefaultDirectory"/>.</param>
    public RunOperation(ICommandRunner? runner = null, string? userKeyDirectory = null)
    {
        _runner = runner;
        _userKeyDirectory = userKeyDirectory;
    }

    /// <summary>The default output file name for <paramref name="stepName"/>: <c>&lt;step&gt;.attestation.json</c>.</summary>
    public static string DefaultOutputFileName(string stepName)
    {
        ArgumentNullException.ThrowIfNull(stepName);
        var safe = new string([.. stepName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        return safe.Trim('.') is { Length: > 0 } trimmed ? trimmed + ".attestation.json" : "step.attestation.json";
    }

    /// <summary>Runs the step and writes the signed evidence.</summary>
    /// <exception cref="CilockException">
    /// CIL1500 no command, CIL1501 bad step name, CIL1503 unusable output path, CIL1040 command not found, CIL1502 an
    /// attestor failed, CIL10xx key problems, CIL1002 output not writable. No file is written in any of these cases.
    /// </exception>
    public async Task<RunResult> ExecuteAsync(RunOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.StepName))
        {
            throw new CilockException(OperationDiagnostics.InvalidStepName, "the step name must not be empty (--step)");
        }

        if (options.Command.Count == 0 || string.IsNullOrEmpty(options.Command[0]))
        {
            throw new CilockException(OperationDiagnostics.NoCommand, "no command to run: put it after '--', e.g. cilock run --step build -- dotnet build");
        }

        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        var outputPath = Path.GetFullPath(options.OutputPath ?? DefaultOutputFileName(options.StepName));
        OutputProbe.EnsureWritable(outputPath);

        var environment = options.Environment ?? ProcessEnvironment.Read();
        var keyless = KeylessEvidenceSigner.Prepare(options.Keyless, options.KeyPath is not null, environment);
        var (signer, createdKeyPath) = keyless is null ? ResolveSigner(options) : (null, null);
        if (_runner is null && !CommandLocator.Exists(options.Command[0], workingDirectory, environment.GetValueOrDefault("PATH")))
        {
            throw new CilockException(EvidenceDiagnostics.CommandNotFound, $"command not found: '{options.Command[0]}'");
        }

        var contextOptions = new AttestationContextOptions
        {
            WorkingDirectory = workingDirectory,
            StepName = options.StepName,
            Dialect = options.Dialect,
            Hashes = options.Hashes,
            TimeProvider = options.TimeProvider,
            Environment = environment,
            MaterialExcludeGlobs = options.MaterialExcludeGlobs,
            ProductExcludeGlobs = options.ProductExcludeGlobs,
        };

        // The live terminal copy is masked like the recorded copy: a secret echoed by the build must not reach CI logs.
        var secrets = new EnvironmentCapturer(contextOptions).SensitiveValues(environment);
        var liveOut = LiveRedaction(options.StandardOutput, options, contextOptions);
        var liveErr = LiveRedaction(options.StandardError, options, contextOptions);
        var stdout = new ScrubbingTextWriter(liveOut, secrets);
        var stderr = new ScrubbingTextWriter(liveErr, secrets);
        // secretscan lives in Cilock.Secrets (above the attestation library), so it is added here, not by the catalog.
        // The report readers (sarif, test-results, sbom) live in Cilock.Reports and always run; they are added below.
        var names = options.Attestations?.Where(n => !IsSecretScan(n) && !ReportReaders.IsReaderName(n)).ToList();
        var secretScanRequested = SecretScanRequested(options);
        var attestors = AttestorCatalog.CreateForRun(
            names,
            workingDirectory,
            new AttestorOptions { Command = options.Command, Runner = _runner, Stdout = stdout, Stderr = stderr, Environment = environment }).ToList();
        attestors.AddRange(ReportReaders.ForProducts());
        var secretScan = secretScanRequested ? new SecretScanAttestor() : null;
        if (secretScan is not null)
        {
            attestors.Add(secretScan);
        }

        var commandRun = attestors.OfType<CommandRunAttestor>().Single();

        AttestationRun run;
        try
        {
            run = await new AttestationContext(contextOptions, attestors).RunAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            stdout.Complete();
            stderr.Complete();
            CompleteLiveRedaction(liveOut, liveErr);
        }

        ThrowOnFailedAttestors(run);
        var diagnostics = new List<Diagnostic>(run.Diagnostics);
        var statement = CollectionBuilder.Build(run, options.Dialect, diagnostics);
        statement = RedactSecrets(statement, secretScan);
        var envelope = await SignAsync(keyless, signer, statement.ToJsonBytes(), outputPath, diagnostics, ct).ConfigureAwait(false);
        AtomicFile.WriteAllBytes(outputPath, envelope.ToJsonBytes());

        // Findings fail the step only now, after the signed evidence that records them is on disk.
        var failOnSecrets = options.SecretScanFailOnDetection && secretScan is { Findings.Count: > 0 };
        if (failOnSecrets)
        {
            diagnostics.AddRange(secretScan!.FailureDiagnostics());
        }

        return new RunResult(outputPath, commandRun.ExitCode ?? -1, envelope.Signatures[0].KeyId, createdKeyPath, diagnostics) { FailedOnSecrets = failOnSecrets };
    }

    private static bool IsSecretScan(string name) =>
        string.Equals(name.Trim(), SecretScanAttestor.AttestorName, StringComparison.OrdinalIgnoreCase);

    private static void ThrowOnFailedAttestors(AttestationRun run)
    {
        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return;
        }

        // A missing executable keeps its own code: it is the most common mistake and scripts may test for it.
        var notFound = errors.FirstOrDefault(d => d.Code == EvidenceDiagnostics.CommandNotFound);
        if (notFound is not null)
        {
            throw new CilockException(notFound.Code, notFound.Message);
        }

        throw new CilockException(
            OperationDiagnostics.AttestorsFailed,
            "evidence not written because attestors failed: " + string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}")));
    }

    private (ISigner Signer, string? CreatedKeyPath) ResolveSigner(RunOptions options)
    {
        if (options.KeyPath is not null)
        {
            return (KeyLoader.LoadSigner(options.KeyPath, options.KeyPasswordEnvironmentVariable), null);
        }

        var key = UserKeyStore.GetOrCreate(_userKeyDirectory ?? UserKeyStore.DefaultDirectory, out var created);
        return (key.Signer, created ? key.PrivateKeyPath : null);
    }
}

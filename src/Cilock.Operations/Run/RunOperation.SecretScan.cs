using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Context;
using Cilock.Attestation.InToto;
using Cilock.Secrets.Attestors;
using Cilock.Secrets.Redaction;
using Cilock.Secrets.Scanning;

namespace Cilock.Operations.Run;

// Secret scanning in `cilock run`: the live terminal copy is redacted by rules as it streams, and the statement is
// redacted after the secretscan attestor (post-product) ran and before it is signed.
public sealed partial class RunOperation
{
    private static bool SecretScanRequested(RunOptions options) =>
        options.SecretScan || options.SecretScanFailOnDetection || options.Attestations?.Any(IsSecretScan) == true;

    /// <summary>
    /// The terminal writer, wrapped in a <see cref="LiveRedactingWriter"/> when the step scans for secrets (values of
    /// sensitive variables are masked before this writer by <see cref="ScrubbingTextWriter"/>; encoded forms of them are
    /// found here through the env-value rules).
    /// </summary>
    private static TextWriter LiveRedaction(TextWriter? terminal, RunOptions options, AttestationContextOptions context)
    {
        terminal ??= TextWriter.Null;
        if (!SecretScanRequested(options) || ReferenceEquals(terminal, TextWriter.Null))
        {
            return terminal;
        }

        var scanner = new SecretScanner(new SecretScanOptions
        {
            Hashes = context.Hashes,
            SensitiveValues = SensitiveValue.FromEnvironment(context.Environment ?? new Dictionary<string, string>(), new EnvironmentCapturer(context)),
        });
        return new LiveRedactingWriter(terminal, scanner);
    }

    /// <summary>Releases what the live writers still hold (the command has ended).</summary>
    private static void CompleteLiveRedaction(params TextWriter[] writers)
    {
        foreach (var writer in writers.OfType<LiveRedactingWriter>())
        {
            writer.Complete();
        }
    }

    /// <summary>The statement with every finding of <paramref name="secretScan"/> redacted (same instance when none).</summary>
    private static Statement RedactSecrets(Statement statement, SecretScanAttestor? secretScan) =>
        secretScan is null ? statement : secretScan.Redactor.Redact(statement);
}

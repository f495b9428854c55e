using Cilock.Attestation.Attestors;
using Cilock.Attestation.InToto;
using Cilock.Secrets.Attestors;
using Cilock.Secrets.Rules;

namespace Cilock.Operations.Recording;

// The secretscan attestor for recorded steps, and redaction of its findings between building and signing the statement.
public sealed partial class StepRecordingOperation
{
    private static void AddSecretScan(List<IAttestor> attestors, StepRecordingOptions options)
    {
        if (!options.SecretScan)
        {
            return;
        }

        attestors.Add(new SecretScanAttestor(new SecretScanAttestorOptions
        {
            Rules = options.SecretScanRules is { } rules ? RuleSet.Load(Path.GetFullPath(rules, options.ProjectDirectory)) : RuleSet.Default,
            ExtraFiles = [.. options.SecretScanFiles.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => Path.GetFullPath(f, options.ProjectDirectory))],
        }));
    }

    /// <summary>
    /// Redacts what the secretscan attestor found from the statement (it ran post-product, so every other attestor's
    /// JSON is final) and hands the findings to <see cref="StepRecordingOptions.SecretScanFindings"/>.
    /// </summary>
    private static Statement RedactSecrets(Statement statement, List<IAttestor> attestors, StepRecordingOptions options)
    {
        if (attestors.OfType<SecretScanAttestor>().SingleOrDefault() is not { } scan)
        {
            return statement;
        }

        if (options.SecretScanFindings is { } sink)
        {
            foreach (var finding in scan.Findings)
            {
                sink.Add(finding);
            }
        }

        return scan.Redactor.Redact(statement);
    }
}

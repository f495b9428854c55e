using Cilock.Secrets.Findings;

namespace Cilock.Operations.Recording;

// Secret scanning of a recorded step (the SDK's pack step): the secretscan attestor, extra text files to scan, and a
// sink for the findings so the caller can fail the build after the evidence (and the sidecar) are written.
public sealed partial record StepRecordingOptions
{
    /// <summary>
    /// Runs the <c>secretscan</c> attestor: the JSON of the step's other attestors, every text product (zip-based
    /// products such as .nupkg/.snupkg entry by entry, streamed) and <see cref="SecretScanFiles"/>. Whatever it finds
    /// is redacted from the statement before it is signed.
    /// </summary>
    public bool SecretScan { get; init; }

    /// <summary>A rules file (JSON, same schema as the built-in rules); <c>null</c> = the built-in rules.</summary>
    public string? SecretScanRules { get; init; }

    /// <summary>
    /// Further text files scanned with the products (location <c>file:&lt;path&gt;</c>): console-ish output the step
    /// can reach, such as TRX reports (test StdOut/StdErr) and compiler SARIF logs.
    /// </summary>
    public IReadOnlyList<string> SecretScanFiles { get; init; } = [];

    /// <summary>Receives the findings (added just before signing; nothing is added when no scan ran).</summary>
    public ICollection<SecretFinding>? SecretScanFindings { get; init; }
}

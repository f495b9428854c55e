using Cilock.Attestation.Attestors;
using Cilock.Attestation.InToto;

namespace Cilock.Operations.Run;

/// <summary>What <see cref="RunOperation"/> records: one step, one wrapped command, one signed collection.</summary>
public sealed partial record RunOptions
{
    /// <summary>The step name written into the collection (must equal the policy step name).</summary>
    public required string StepName { get; init; }

    /// <summary>The command to wrap: executable followed by its arguments. Must not be empty.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The folder the command runs in and materials/products are recorded from; default: current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where the signed envelope is written; default <see cref="RunOperation.DefaultOutputFileName"/> in the current directory.</summary>
    public string? OutputPath { get; init; }

    /// <summary>PEM private key to sign with; <c>null</c> uses the per-user key (created on first use).</summary>
    public string? KeyPath { get; init; }

    /// <summary>Name of the environment variable holding the key's password (never the password itself).</summary>
    public string? KeyPasswordEnvironmentVariable { get; init; }

    /// <summary>
    /// Optional attestors by name; <c>null</c> means <see cref="AttestorCatalog.DefaultNames"/> (environment, and git
    /// inside a repository). Material, command-run and product are always recorded.
    /// </summary>
    public IReadOnlyList<string>? Attestations { get; init; }

    /// <summary>The evidence vocabulary; cilock by default.</summary>
    public Dialect Dialect { get; init; } = Dialect.Cilock;

    /// <summary>Digest algorithms for materials and products.</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [DigestSet.Sha256];

    /// <summary>Glob patterns of files not recorded as materials.</summary>
    public IReadOnlyList<string> MaterialExcludeGlobs { get; init; } = [];

    /// <summary>Glob patterns of files not recorded as products.</summary>
    public IReadOnlyList<string> ProductExcludeGlobs { get; init; } = [];

    /// <summary>Where the wrapped command's stdout is streamed live; <c>null</c> discards it (it is still captured).</summary>
    public TextWriter? StandardOutput { get; init; }

    /// <summary>Where the wrapped command's stderr is streamed live; <c>null</c> discards it (it is still captured).</summary>
    public TextWriter? StandardError { get; init; }

    /// <summary>The environment the attestors record; <c>null</c> reads the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Clock for start/end times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Scan the step's evidence, output and products for secrets (the <c>secretscan</c> attestor, post-product).
    /// Also on when <see cref="Attestations"/> names <c>secretscan</c>.
    /// </summary>
    public bool SecretScan { get; init; }

    /// <summary>
    /// Fail the step (after the signed evidence is written) when the secret scan finds anything; implies
    /// <see cref="SecretScan"/>.
    /// </summary>
    public bool SecretScanFailOnDetection { get; init; }
}

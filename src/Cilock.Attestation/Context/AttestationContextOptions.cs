using Cilock.Attestation.Attestors;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Context;

/// <summary>Everything an <see cref="AttestationContext"/> needs besides its attestors.</summary>
public sealed record AttestationContextOptions
{
    /// <summary>The folder the step runs in; material/product paths are relative to it.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The step name written as the collection <c>name</c> (must equal the policy step name).</summary>
    public required string StepName { get; init; }

    /// <summary>The vocabulary evidence is written in.</summary>
    public Dialect Dialect { get; init; } = Dialect.Cilock;

    /// <summary>
    /// Digest algorithms recorded for files (names from <see cref="DigestSet.KnownAlgorithms"/> except
    /// <c>dirHash</c>). Defaults to sha256, which v0.3 Merkle trees require.
    /// </summary>
    public IReadOnlyList<string> Hashes { get; init; } = [DigestSet.Sha256];

    /// <summary>Clock used for start/end times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The environment seen by attestors; <c>null</c> reads the process environment. Injected by tests and by the
    /// MSBuild SDK (whose process environment is the build node's).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Glob patterns (forward slashes, <c>**</c> supported) of files walked as materials; empty = all.</summary>
    public IReadOnlyList<string> MaterialIncludeGlobs { get; init; } = [];

    /// <summary>Glob patterns of files never recorded as materials.</summary>
    public IReadOnlyList<string> MaterialExcludeGlobs { get; init; } = [];

    /// <summary>Glob patterns of files recorded as products; empty = all.</summary>
    public IReadOnlyList<string> ProductIncludeGlobs { get; init; } = [];

    /// <summary>Glob patterns of files never recorded as products.</summary>
    public IReadOnlyList<string> ProductExcludeGlobs { get; init; } = [];

    /// <summary>Globs of folders recorded as one <c>&lt;folder&gt;/</c> → <c>dirHash</c> material/product entry (v0.1 only; such entries cannot become v0.3 leaves).</summary>
    public IReadOnlyList<string> DirHashGlobs { get; init; } = [];

    /// <summary>Extra sensitive variable names (exact, or a glob when containing <c>*</c>), added to the defaults.</summary>
    public IReadOnlyList<string> SensitiveEnvironmentKeys { get; init; } = [];

    /// <summary>Exact, case-sensitive names exempted from obfuscation.</summary>
    public IReadOnlyList<string> AllowedSensitiveEnvironmentKeys { get; init; } = [];

    /// <summary>When true only <see cref="SensitiveEnvironmentKeys"/> are sensitive (the default list is ignored).</summary>
    public bool DisableDefaultSensitiveEnvironmentKeys { get; init; }

    /// <summary>When true sensitive variables are dropped instead of having their value replaced by <c>******</c>.</summary>
    public bool FilterSensitiveEnvironment { get; init; }

    /// <summary>When non-empty only variables matching one of these names or globs are recorded (case-insensitive).</summary>
    public IReadOnlyList<string> EnvironmentCaptureAllowlist { get; init; } = [];
}

using Cilock.Attestation.Attestors;
using Cilock.Attestation.InToto;

namespace Cilock.Operations.Recording;

/// <summary>
/// One step already carried out by the build engine (compile, test run, pack): what went in, what ran, what came out.
/// <see cref="StepRecordingOperation"/> turns it into one signed attestation collection.
/// </summary>
// Optional concerns keep their options in their own partial files (StepRecordingOptions.<Concern>.cs).
public sealed partial record StepRecordingOptions
{
    /// <summary>The step name written into the collection (must equal the policy step name).</summary>
    public required string StepName { get; init; }

    /// <summary>Where the signed envelope (one DSSE JSON document) is written, atomically.</summary>
    public required string EvidencePath { get; init; }

    /// <summary>The project folder; the git repository is discovered from here.</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>
    /// Folder that material/product paths are relative to; <c>null</c> = the git work tree root when the project is in
    /// one (so paths agree across the projects of a repository), else <see cref="ProjectDirectory"/>.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The evidence vocabulary; cilock by default.</summary>
    public Dialect Dialect { get; init; } = Dialect.Cilock;

    /// <summary>
    /// Attestor names to run (see <see cref="StepRecordingOperation.KnownAttestors"/>); <c>null</c> = all of them.
    /// material, command-run and product always run.
    /// </summary>
    public IReadOnlyList<string>? Attestors { get; init; }

    /// <summary>Input files (absolute or relative to the project folder).</summary>
    public IReadOnlyList<string> Materials { get; init; } = [];

    /// <summary>Output files.</summary>
    public IReadOnlyList<string> Products { get; init; } = [];

    /// <summary>
    /// Products that also get a <c>file:&lt;path&gt;</c> subject (besides <c>tree:products</c>), so a verifier finds the
    /// step by the file's sha256 (e.g. the .nupkg for <c>--artifactfile</c>).
    /// </summary>
    public IReadOnlyList<string> FileSubjects { get; init; } = [];

    /// <summary>Extra <c>file:</c> subjects and backrefs linking this step to the steps before and after it.</summary>
    public StepFileLinks FileLinks { get; init; }

    /// <summary>Glob patterns (relative to the working directory) of files never recorded as materials.</summary>
    public IReadOnlyList<string> MaterialExcludeGlobs { get; init; } = [];

    /// <summary>The command the step ran (argv), already finished; <c>null</c> records none.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The exit code of <see cref="Command"/>.</summary>
    public int ExitCode { get; init; }

    /// <summary>NuGet's <c>project.assets.json</c>: every restored package is recorded (dotnet attestor + materials).</summary>
    public string? ProjectAssetsFile { get; init; }

    /// <summary>The .NET SDK version.</summary>
    public string? SdkVersion { get; init; }

    /// <summary>The MSBuild version.</summary>
    public string? MSBuildVersion { get; init; }

    /// <summary>The .NET installation folder (<c>$(NetCoreRoot)</c>); files under it are named <c>sdk:&lt;path&gt;</c>.</summary>
    public string? DotNetRoot { get; init; }

    /// <summary>The target framework of the step, if any.</summary>
    public string? TargetFramework { get; init; }

    /// <summary>PEM private key; <c>null</c> = the per-user key (created on first use).</summary>
    public string? KeyPath { get; init; }

    /// <summary>Name of the environment variable that holds the key password (never the password).</summary>
    public string? KeyPasswordEnvironmentVariable { get; init; }

    /// <summary>Evidence folders of other projects that get a copy of the envelope under <c>linked/</c>.</summary>
    public IReadOnlyList<string> LinkDirectories { get; init; } = [];

    /// <summary>Digest algorithms for files; sha256 (required by v0.3 trees) by default.</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [DigestSet.Sha256];

    /// <summary>The environment the attestors record; <c>null</c> reads the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Clock for start/end times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

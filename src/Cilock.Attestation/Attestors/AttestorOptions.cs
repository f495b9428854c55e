using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Hashing;

namespace Cilock.Attestation.Attestors;

/// <summary>Inputs some attestors of <see cref="AttestorCatalog"/> need when they are created by name.</summary>
public sealed record AttestorOptions
{
    /// <summary>The command to run and record (argv); adds <c>command-run</c> to a run.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>An already-finished command to record instead of running one; adds <c>command-run</c> to a run.</summary>
    public CommandRecord? FinishedCommand { get; init; }

    /// <summary>Runs <see cref="Command"/>; defaults to a child process.</summary>
    public ICommandRunner? Runner { get; init; }

    /// <summary>Where the command's standard output is streamed live.</summary>
    public TextWriter? Stdout { get; init; }

    /// <summary>Where the command's standard error is streamed live.</summary>
    public TextWriter? Stderr { get; init; }

    /// <summary>Record exactly these materials instead of walking the working directory.</summary>
    public FileList? MaterialFiles { get; init; }

    /// <summary>Record exactly these products instead of walking the working directory.</summary>
    public FileList? ProductFiles { get; init; }

    /// <summary>The step's environment, used to detect the CI platform; <c>null</c> = the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}

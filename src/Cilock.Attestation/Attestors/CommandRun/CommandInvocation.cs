namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>What an <see cref="ICommandRunner"/> must run.</summary>
/// <param name="Arguments">The argv (program first, non-empty).</param>
/// <param name="WorkingDirectory">The folder to run in.</param>
/// <param name="Environment">The complete environment of the child process.</param>
/// <param name="Stdout">Where standard output is streamed live (besides being captured).</param>
/// <param name="Stderr">Where standard error is streamed live (besides being captured).</param>
public sealed record CommandInvocation(
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TextWriter Stdout,
    TextWriter Stderr);

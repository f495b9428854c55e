using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Attestors.CommandRun;

/// <summary>
/// Records the step's command (spec attestors.md §4): either runs it through an <see cref="ICommandRunner"/>
/// (streaming its output to the caller's writers while capturing it) or records an already-finished
/// <see cref="CommandRecord"/> (e.g. a compiler invocation observed by the MSBuild SDK). A failing command still
/// yields evidence; only a command that cannot start fails the attestor (CIL1040). Values of sensitive environment
/// variables are replaced by <c>******</c> in the recorded argv and output.
/// </summary>
public sealed class CommandRunAttestor : IAttestor
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "command-run";

    private readonly IReadOnlyList<string>? _command;
    private readonly CommandRecord? _finished;
    private readonly ICommandRunner _runner;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private CommandRunPredicate? _predicate;

    /// <summary>Creates an attestor that runs <paramref name="command"/> when attesting.</summary>
    /// <param name="command">The argv (program first).</param>
    /// <param name="runner">The runner; defaults to <see cref="ProcessCommandRunner"/>.</param>
    /// <param name="stdout">Where the command's standard output is streamed live; defaults to nowhere.</param>
    /// <param name="stderr">Where the command's standard error is streamed live; defaults to nowhere.</param>
    public CommandRunAttestor(IReadOnlyList<string> command, ICommandRunner? runner = null, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new CilockException(EvidenceDiagnostics.CommandNotFound, "command not found: no command was given");
        }

        _command = [.. command];
        _runner = runner ?? ProcessCommandRunner.Instance;
        _stdout = stdout ?? TextWriter.Null;
        _stderr = stderr ?? TextWriter.Null;
    }

    private CommandRunAttestor(CommandRecord finished)
    {
        _finished = finished;
        _runner = ProcessCommandRunner.Instance;
        _stdout = TextWriter.Null;
        _stderr = TextWriter.Null;
    }

    /// <summary>Creates an attestor that records a command that already ran; nothing is executed.</summary>
    public static CommandRunAttestor FromRecord(CommandRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CommandRunAttestor(record);
    }

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.Execute;

    /// <summary>The exit code of the command, once attested.</summary>
    public int? ExitCode => _predicate?.ExitCode;

    /// <summary>The recorded (scrubbed) predicate, once attested.</summary>
    public CommandRunPredicate? Predicate => _predicate;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) =>
        dialect == Dialect.Witness ? AttestationTypes.CommandRunWitness : AttestationTypes.CommandRunCilock;

    /// <inheritdoc />
    public async ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = _finished ?? await _runner.RunAsync(
            new CommandInvocation(_command!, context.WorkingDirectory, context.Environment, _stdout, _stderr), ct).ConfigureAwait(false);

        var secrets = new EnvironmentCapturer(context.Options).SensitiveValues(context.Environment);
        _predicate = new CommandRunPredicate(
            [.. record.Arguments.Select(a => EnvironmentCapturer.Scrub(a, secrets))],
            record.ExitCode,
            record.Stdout is null ? null : EnvironmentCapturer.Scrub(record.Stdout, secrets),
            record.Stderr is null ? null : EnvironmentCapturer.Scrub(record.Stderr, secrets),
            [.. (record.Processes ?? []).Select(p => p with
            {
                Cmdline = p.Cmdline is null ? null : EnvironmentCapturer.Scrub(p.Cmdline, secrets),
                Environ = p.Environ is null ? null : EnvironmentCapturer.Scrub(p.Environ, secrets),
            })],
            record.CaptureMode,
            record.TraceDuration is { } d ? (long)(d.TotalMilliseconds * 1_000_000) : null);
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect) =>
        _predicate is null ? null : dialect == Dialect.Witness ? _predicate.ToJsonV01() : _predicate.ToJsonV02();
}

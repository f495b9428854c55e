using System.CommandLine;
using System.CommandLine.Invocation;
using Cilock.Attestation.Diagnostics;
using Cilock.Cli.Rendering;

namespace Cilock.Cli.Hosting;

/// <summary>
/// Wraps every command's action so that no exception escapes as a stack trace: a <see cref="CilockException"/> becomes
/// one coded error line and exit 2; anything else is a bug, reported as CIL1999 (stack only with <c>--verbose</c>).
/// Wrapping in one place means command authors cannot forget it.
/// </summary>
internal sealed class GuardedAction : AsynchronousCommandLineAction
{
    private readonly CommandLineAction inner;
    private readonly Option<bool> verbose;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public GuardedAction(CommandLineAction inner, Option<bool> verbose)
    {
        this.inner = inner;
        this.verbose = verbose;
    }

    /// <inheritdoc />
    public override bool Terminating => inner.Terminating;

    /// <inheritdoc />
    public override bool ClearsParseErrors => inner.ClearsParseErrors;

    /// <inheritdoc />
    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return inner switch
            {
                SynchronousCommandLineAction sync => sync.Invoke(parseResult),
                AsynchronousCommandLineAction async => await async.InvokeAsync(parseResult, cancellationToken).ConfigureAwait(false),
                _ => throw new InvalidOperationException($"unsupported action type {inner.GetType().Name}"),
            };
        }
        catch (CilockException e)
        {
            DiagnosticWriter.Error(error, e.Code, e.Message);
            if (parseResult.GetValue(verbose) && e.InnerException is { } cause)
            {
                error.WriteLine(cause.ToString());
            }

            return ExitCodes.UsageOrInputError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            DiagnosticWriter.Error(error, CliDiagnostics.Cancelled, "cancelled");
            return ExitCodes.UsageOrInputError;
        }
        catch (Exception e)
        {
            DiagnosticWriter.Error(error, CliDiagnostics.InternalError, "internal error: " + e.Message);
            if (parseResult.GetValue(verbose))
            {
                error.WriteLine(e.ToString());
            }

            return ExitCodes.UsageOrInputError;
        }
    }
}

using System.CommandLine;
using System.CommandLine.Invocation;
using Cilock.Cli.Commands;
using Cilock.Cli.Rendering;

namespace Cilock.Cli.Hosting;

/// <summary>
/// The one entry point used by <c>Program</c> and by in-process tests: parse, report usage errors as
/// <c>cilock: error CIL1900</c> with exit 2 (System.CommandLine's own parse-error action exits 1, which we reserve for
/// failed checks), otherwise invoke the command.
/// </summary>
internal static class CliApplication
{
    /// <summary>Runs cilock with <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = CommandCatalog.CreateRootCommand();
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,

            // Our GuardedAction reports exceptions; the default handler would print a stack trace and exit 1.
            EnableDefaultExceptionHandler = false,
        };

        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var parseError in parseResult.Errors)
            {
                // One diagnostic per line: CI problem matchers read line by line.
                var message = string.Join(' ', parseError.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                DiagnosticWriter.Error(error, CliDiagnostics.UsageError, message);
            }

            var commandPath = CommandPath(parseResult.CommandResult.Command);
            error.WriteLine($"Run '{commandPath} --help' for usage.");
            return ExitCodes.UsageOrInputError;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Synchronous twin of <see cref="InvokeAsync"/> for tests.</summary>
    public static int Invoke(string[] args, TextWriter output, TextWriter error) =>
        InvokeAsync(args, output, error).GetAwaiter().GetResult();

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(c is RootCommand ? "cilock" : c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}

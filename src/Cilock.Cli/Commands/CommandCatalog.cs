using System.CommandLine;
using Cilock.Cli.Hosting;

namespace Cilock.Cli.Commands;

/// <summary>
/// Builds the <c>cilock</c> command tree from ONE explicit list, so a command can never silently go missing
/// (no reflection, no registration side effects). To add a command: add one line to <see cref="CreateCommands"/>.
/// </summary>
internal static class CommandCatalog
{
    /// <summary>Creates a fresh root command (tests create one per test; instances are not shared).</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("cilock: record, sign and verify in-toto supply-chain evidence; gate NuGet publishing on it.");
        var verbose = GlobalOptions.CreateVerbose();
        root.Options.Add(verbose);
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new VersionAction();
            }
        }

        foreach (var command in CreateCommands())
        {
            root.Subcommands.Add(command);
        }

        Guard(root, verbose);
        return root;
    }

    /// <summary>The command list, in the order help shows them. One line per command.</summary>
    private static IEnumerable<Command> CreateCommands() =>
    [
        // Each area adds exactly one line here, e.g. `new Verify.VerifyCommand(),` (class in Commands/Verify/).
        new Run.RunCommand(),
        new Inspect.InspectCommand(),
        new Keys.KeygenCommand(),
        new Keys.VerifySignatureCommand(),
        new Push.PushCommand(),
        new Verify.VerifyCommand(),
        new Policy.PolicyCommand(),
        new Secrets.SecretsCommand(),
        new Rego.RegoCommand(),
        new Gate.GateCommand(),
        new Archivista.ArchivistaCommand(),
        new Bundle.BundleCommand(),
        new Report.ReportCommand(),
        new Sigstore.VerifyBundleCommand(),
        new Sigstore.SignBundleCommand(),
        new Sign.SignCommand(),
    ];

    /// <summary>Wraps every command's action (recursively) in the shared error handling.</summary>
    private static void Guard(Command command, Option<bool> verbose)
    {
        if (command.Action is { } action and not GuardedAction)
        {
            command.Action = new GuardedAction(action, verbose);
        }

        foreach (var sub in command.Subcommands)
        {
            Guard(sub, verbose);
        }
    }
}

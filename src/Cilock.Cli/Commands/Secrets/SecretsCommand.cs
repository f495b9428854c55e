using System.CommandLine;

namespace Cilock.Cli.Commands.Secrets;

/// <summary><c>cilock secrets …</c>: secret scanning outside a recorded step.</summary>
internal sealed class SecretsCommand : Command
{
    /// <summary>Creates the command group.</summary>
    public SecretsCommand()
        : base("secrets", "Scan files, folders and packages for secrets")
    {
        Subcommands.Add(new SecretsScanCommand());
    }
}

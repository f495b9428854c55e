using System.CommandLine;

namespace Cilock.Cli.Commands.Gate;

/// <summary><c>cilock gate</c>: the admission gate for NuGet feeds.</summary>
internal sealed class GateCommand : Command
{
    /// <summary>Creates the command group.</summary>
    public GateCommand()
        : base("gate", "Admission gate for NuGet feeds: verify every pushed package against a signed policy before it reaches the feed")
    {
        Subcommands.Add(new GateServeCommand());
    }
}

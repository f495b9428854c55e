using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Cilock.Cli.Hosting;

/// <summary>
/// Prints the version of the cilock assembly. The built-in action reads the entry assembly, which is the test host
/// when commands run in-process.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>The informational version of cilock, without the source revision suffix.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(VersionAction).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "0.0.0";
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }
    }

    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Success;
    }
}

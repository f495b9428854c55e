using System.CommandLine;
using Cilock.Gate.Server.Hosting;

namespace Cilock.Cli.Commands.Gate;

/// <summary>
/// <c>cilock gate serve [--config FILE] [--urls URL...]</c>: run the admission gate (a NuGet V3 push endpoint) until
/// Ctrl+C or SIGTERM. Configuration: the <c>CilockGate</c> section of appsettings.json, environment variables
/// (<c>CilockGate__Upstream__ApiKey</c>) and the <c>--config</c> file; TLS through the <c>Kestrel</c> section.
/// </summary>
internal sealed class GateServeCommand : Command
{
    private readonly Option<FileInfo> _config = new("--config", "-c")
    {
        Description = "JSON configuration file (CilockGate and Kestrel sections); relative paths in it resolve against its folder",
    };

    private readonly Option<string[]> _urls = new("--urls")
    {
        Description = "Listen URL(s), e.g. http://127.0.0.1:5555 (default: configuration, then http://localhost:5000)",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Creates the command.</summary>
    public GateServeCommand()
        : base("serve", "Run the admission gate: NuGet pushes are verified against signed policies, then forwarded upstream or refused")
    {
        Options.Add(_config);
        Options.Add(_urls);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var config = parse.GetValue(_config);
        if (config is { Exists: false })
        {
            throw new Attestation.Diagnostics.CilockException(Cilock.Gate.Server.Diagnostics.AdmissionDiagnostics.ConfigurationInvalid, $"configuration file '{config.FullName}' not found");
        }

        // Configuration errors surface as CilockException (CIL3901) and are printed by the guarded action, exit 2.
        await using var server = GateServer.Create(config?.FullName, parse.GetValue(_urls) ?? []);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        var output = parse.InvocationConfiguration.Output;
        foreach (var address in server.Addresses)
        {
            await output.WriteLineAsync($"cilock gate: listening on {address} (service index {address.TrimEnd('/')}/v3/index.json)").ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return Hosting.ExitCodes.Success;
    }
}

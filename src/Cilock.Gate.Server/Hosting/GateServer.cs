using Cilock.Gate.Server.Admission;
using Cilock.Gate.Server.Audit;
using Cilock.Gate.Server.Configuration;
using Cilock.Gate.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cilock.Gate.Server.Hosting;

/// <summary>
/// The admission gate host (Kestrel). <c>cilock gate serve</c> and the tests both use it; configuration follows ASP.NET
/// Core conventions (appsettings.json, environment variables, a <c>Kestrel</c> section for endpoints and TLS).
/// </summary>
public sealed class GateServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GateServer(WebApplication app) => _app = app;

    /// <summary>The addresses Kestrel listens on (with the real port when port 0 was requested).</summary>
    public IReadOnlyList<string> Addresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    /// <summary>
    /// Builds a gate from the <c>CilockGate</c> section of the standard ASP.NET Core configuration sources plus
    /// <paramref name="configFile"/> (optional JSON file, highest precedence after the command line).
    /// </summary>
    /// <param name="configFile">A JSON configuration file, or <c>null</c>; relative paths in it resolve against its directory.</param>
    /// <param name="urls">Listen URLs (e.g. <c>http://127.0.0.1:5000</c>); empty = configuration (<c>Kestrel</c>/<c>urls</c>).</param>
    /// <param name="args">Command-line configuration overrides (<c>--CilockGate:MaxPackageBytes=…</c>).</param>
    /// <exception cref="Attestation.Diagnostics.CilockException">CIL3901 when the configuration is invalid.</exception>
    public static GateServer Create(string? configFile, IReadOnlyList<string> urls, string[]? args = null)
    {
        var baseDirectory = configFile is null ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = baseDirectory });
        if (configFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(args ?? []);
        }

        var options = new GateServerOptions();
        builder.Configuration.GetSection(GateServerOptions.SectionName).Bind(options);
        return Build(builder, options, baseDirectory, urls);
    }

    /// <summary>Builds a gate from options given in code (embedding, tests); relative paths resolve against the current directory.</summary>
    /// <exception cref="Attestation.Diagnostics.CilockException">CIL3901 when the options are invalid.</exception>
    public static GateServer Create(GateServerOptions options, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return Build(builder, options, Environment.CurrentDirectory, urls);
    }

    /// <summary>Starts listening.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>After <see cref="StartAsync"/>: serves until <paramref name="cancellationToken"/> fires or the host is asked to stop (Ctrl+C, SIGTERM), then stops.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening and lets in-flight requests finish.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static GateServer Build(WebApplicationBuilder builder, GateServerOptions options, string baseDirectory, IReadOnlyList<string> urls)
    {
        var settings = GateSettings.From(options, baseDirectory);
        var pushers = new PusherAuthenticator(options.Pushers);
        var audit = new AuditLog(settings.AuditLogPath);
        if (urls.Count > 0)
        {
            builder.WebHost.UseUrls([.. urls]);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cilock.Gate.Server");
        GateEndpoints.Map(app, new AdmissionService(settings, pushers, audit), settings, logger);
        return new GateServer(app);
    }
}

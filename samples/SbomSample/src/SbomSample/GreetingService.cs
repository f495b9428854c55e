using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SbomSample.Core;

namespace SbomSample;

/// <summary>Registers the greeting service in a generic host.</summary>
public static class GreetingService
{
    /// <summary>Builds a host whose service provider greets.</summary>
    public static IHost CreateHost(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSingleton<Greeting>();
        return builder.Build();
    }
}

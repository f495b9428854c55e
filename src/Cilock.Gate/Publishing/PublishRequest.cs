namespace Cilock.Gate.Publishing;

/// <summary>One gated push.</summary>
/// <param name="PackagePath">The <c>.nupkg</c> to verify and push.</param>
/// <param name="Source">Folder, http(s) push URL, v3 <c>index.json</c> URL, or a source name from NuGet configuration.</param>
public sealed record PublishRequest(string PackagePath, string Source)
{
    /// <summary>Evidence files or directories. Files are copied privately before verification.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The evidence sidecar to publish beside the package in a folder feed (must also be in <see cref="Evidence"/>).</summary>
    public string? SidecarPath { get; init; }

    /// <summary>The API key (HTTP feeds), or <c>null</c> for none.</summary>
    public NuGetApiKey? ApiKey { get; init; }

    /// <summary>A symbols package (<c>.snupkg</c> or <c>.symbols.nupkg</c>) to push after the package, or <c>null</c>.</summary>
    public string? SymbolsPath { get; init; }

    /// <summary>Allow plain http:// feeds (unsafe outside a trusted local network).</summary>
    public bool AllowInsecureConnections { get; init; }

    /// <summary>Push timeout in seconds (default 300, like <c>dotnet nuget push</c>).</summary>
    public int TimeoutSeconds { get; init; } = 300;

    /// <summary>Folder used to find NuGet configuration (source names, credentials); <c>null</c> = current directory.</summary>
    public string? ConfigurationRoot { get; init; }
}

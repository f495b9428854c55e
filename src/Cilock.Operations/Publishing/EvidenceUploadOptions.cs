namespace Cilock.Operations.Publishing;

/// <summary>Inputs of <see cref="EvidenceUploadOperation"/> (<c>cilock push --evidence-only</c>).</summary>
/// <param name="PackagePath">The <c>.nupkg</c> whose evidence is uploaded (its sidecar is the default evidence).</param>
/// <param name="Gate">The admission gate's base URL or its <c>/v3/index.json</c>.</param>
public sealed record EvidenceUploadOptions(string PackagePath, string Gate)
{
    /// <summary>Evidence files or directories; empty = the package's sidecar <c>&lt;package&gt;.intoto.jsonl</c>.</summary>
    public IReadOnlyList<string> Attestations { get; init; } = [];

    /// <summary>Environment variable holding the gate's pusher key; <c>null</c> = <c>NUGET_API_KEY</c>, then NuGet configuration.</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>Allow a plain http:// gate (unsafe: the key and evidence travel unencrypted).</summary>
    public bool AllowInsecureConnections { get; init; }

    /// <summary>Timeout of each upload request in seconds.</summary>
    public int TimeoutSeconds { get; init; } = 300;

    /// <summary>Folder to load NuGet configuration from (API keys); <c>null</c> = current directory.</summary>
    public string? ConfigurationRoot { get; init; }

    /// <summary>Environment lookup for the API key (tests inject one); <c>null</c> = the process environment.</summary>
    public Func<string, string?>? GetEnvironmentVariable { get; init; }

    /// <summary>HTTP handler for the upload (tests inject one); <c>null</c> = the default handler.</summary>
    public HttpMessageHandler? Handler { get; init; }
}

namespace Cilock.Gate.Server.Configuration;

/// <summary>The feed admitted packages are forwarded to.</summary>
public sealed class UpstreamOptions
{
    /// <summary>A folder feed path, an http(s) push URL or a v3 <c>index.json</c> URL.</summary>
    public string Source { get; set; } = "";

    /// <summary>The upstream API key (prefer the environment: <c>CilockGate__Upstream__ApiKey</c>). Never logged or returned.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Allow a plain http:// upstream (trusted local networks only).</summary>
    public bool AllowInsecureConnections { get; set; }

    /// <summary>Upstream push timeout in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 300;
}

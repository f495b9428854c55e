namespace Cilock.Operations.Publishing;

/// <summary>Inputs of <see cref="PushOperation"/> (shared by <c>cilock push</c> and the <c>CilockPush</c> MSBuild task).</summary>
/// <param name="PackagePath">The <c>.nupkg</c> to verify and push.</param>
/// <param name="Source">Folder, http(s) push URL, v3 <c>index.json</c> URL, or a NuGet source name.</param>
/// <param name="PolicyPath">The signed policy (DSSE envelope).</param>
/// <param name="PolicyKeyPaths">Public key(s) the policy must be signed with.</param>
public sealed record PushOptions(string PackagePath, string Source, string PolicyPath, IReadOnlyList<string> PolicyKeyPaths)
{
    /// <summary>Evidence files or directories; empty = the package's sidecar <c>&lt;package&gt;.intoto.jsonl</c>.</summary>
    public IReadOnlyList<string> Attestations { get; init; } = [];

    /// <summary>Environment variable holding the API key; <c>null</c> = <c>NUGET_API_KEY</c>, then NuGet configuration.</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>Also push the symbols package found beside the package (<c>.snupkg</c>, else <c>.symbols.nupkg</c>).</summary>
    public bool IncludeSymbols { get; init; }

    /// <summary>Allow plain http:// feeds (unsafe: the key and package travel unencrypted).</summary>
    public bool AllowInsecureConnections { get; init; }

    /// <summary>Push timeout in seconds.</summary>
    public int TimeoutSeconds { get; init; } = 300;

    /// <summary>Folder to load NuGet configuration from (source names, API keys, credentials); <c>null</c> = current directory.</summary>
    public string? ConfigurationRoot { get; init; }

    /// <summary>
    /// Policy verification options (clock, compatibility switches such as <c>MatchAllDigestAlgorithms</c>); default =
    /// cilock's hardened semantics. A verdict that depends on a switch is reported with CIL3117.
    /// </summary>
    public Cilock.Policy.Verification.PolicyVerificationOptions Verification { get; init; } = new();

    /// <summary>The Sigstore trusted root for bundles given as evidence; <c>null</c> = the embedded public-good root.</summary>
    public string? SigstoreTrustedRoot { get; init; }

    /// <summary>Environment lookup for the API key (tests inject one); <c>null</c> = the process environment.</summary>
    public Func<string, string?>? GetEnvironmentVariable { get; init; }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.Gate.Verification;

namespace Cilock.Operations.Publishing;

/// <summary>
/// Verify-then-push of one package: resolves the evidence (default: the package's sidecar), the symbols package and
/// the API key, then hands everything to the gate's <see cref="PackagePublisher"/>, which verifies a private copy
/// against the signed policy and pushes exactly that copy. Exit codes: 0 pushed, 1 refused by policy, 2 error.
/// </summary>
public sealed class PushOperation
{
    private readonly Func<PushOptions, IPackageVerifier> _verifierFactory;

    /// <summary>Creates an operation whose verifier is built per call by <paramref name="verifierFactory"/>.</summary>
    public PushOperation(Func<PushOptions, IPackageVerifier> verifierFactory)
    {
        ArgumentNullException.ThrowIfNull(verifierFactory);
        _verifierFactory = verifierFactory;
    }

    /// <summary>The production operation: packages are verified with the signed policy (<see cref="PolicyPackageVerifier"/>).</summary>
    public static PushOperation CreateDefault() => new(PolicyPackageVerifier.FromOptions);

    /// <summary>Verifies and pushes.</summary>
    public async Task<PublishResult> ExecuteAsync(PushOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<Diagnostic>();
        string? symbols = null;
        if (options.IncludeSymbols)
        {
            symbols = FindSymbols(options.PackagePath);
            if (symbols is null)
            {
                return new PublishResult(PublishOutcome.Failed, [Diagnostic.Error(GateDiagnostics.SymbolsUnavailable, $"--symbols was given but neither '{SymbolsCandidates(options.PackagePath)[0]}' nor '{SymbolsCandidates(options.PackagePath)[1]}' exists")]);
            }
        }

        var sidecar = Path.GetFullPath(options.PackagePath) + ".intoto.jsonl";
        IReadOnlyList<string> evidence = options.Attestations.Count > 0 ? options.Attestations : File.Exists(sidecar) ? [sidecar] : [];

        NuGetApiKey? apiKey = null;
        if (IsHttp(options.Source) || !LooksLikePath(options.Source))
        {
            apiKey = NuGetApiKeyResolver.Resolve(options.ApiKeyEnvironmentVariable, options.Source, options.ConfigurationRoot, out var keyNotes, options.GetEnvironmentVariable);
            notes.AddRange(keyNotes);
        }

        IPackageVerifier verifier;
        try
        {
            verifier = _verifierFactory(options);
        }
        catch (CilockException e)
        {
            return new PublishResult(PublishOutcome.Failed, [.. notes, e.ToDiagnostic()]);
        }

        var request = new PublishRequest(options.PackagePath, options.Source)
        {
            Evidence = evidence,
            SidecarPath = File.Exists(sidecar) ? sidecar : null,
            ApiKey = apiKey,
            SymbolsPath = symbols,
            AllowInsecureConnections = options.AllowInsecureConnections,
            TimeoutSeconds = options.TimeoutSeconds,
            ConfigurationRoot = options.ConfigurationRoot,
        };
        var result = await new PackagePublisher(verifier).PublishAsync(request, cancellationToken).ConfigureAwait(false);
        return notes.Count == 0 ? result : result with { Diagnostics = [.. notes, .. result.Diagnostics] };
    }

    /// <summary>Synchronous twin for MSBuild tasks.</summary>
    public PublishResult Execute(PushOptions options) =>
        Task.Run(() => ExecuteAsync(options)).GetAwaiter().GetResult();

    private static string? FindSymbols(string packagePath) => SymbolsCandidates(packagePath).FirstOrDefault(File.Exists);

    private static string[] SymbolsCandidates(string packagePath)
    {
        var stem = Path.GetFullPath(packagePath);
        stem = stem.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) ? stem[..^".nupkg".Length] : stem;
        return [stem + ".snupkg", stem + ".symbols.nupkg"];
    }

    private static bool IsHttp(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    // A bare word may be a configured source name (which may be an HTTP feed needing a key); paths never are.
    private static bool LooksLikePath(string source) =>
        source.Contains('/', StringComparison.Ordinal) || source.Contains('\\', StringComparison.Ordinal) || source.StartsWith('.') || Directory.Exists(source);
}

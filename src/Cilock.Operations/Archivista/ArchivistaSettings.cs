using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Archivista;

/// <summary>
/// What the CLI and the SDK know about an Archivista server (<c>--archivista URL</c>, <c>--archivista-headers</c>,
/// <c>CilockArchivistaUrl</c>…) and how to turn it into a connected <see cref="ArchivistaClient"/> (spec §5): static
/// headers from the options and from <see cref="HeadersVariable"/>, plus a GitHub Actions OIDC bearer token when
/// <see cref="Oidc"/> is on (default: whenever the job can request one). Explicit headers are applied last and win.
/// </summary>
public sealed record ArchivistaSettings
{
    /// <summary>Environment variable with extra headers, one <c>Name: Value</c> per line (CI secrets).</summary>
    public const string HeadersVariable = "CILOCK_ARCHIVISTA_HEADERS";

    /// <summary>The server base URL.</summary>
    public required string Url { get; init; }

    /// <summary>Headers as <c>Name: Value</c> (split at the first colon, both sides trimmed).</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>Send a GitHub Actions OIDC token as <c>Authorization: Bearer</c>; <c>null</c> = when available.</summary>
    public bool? Oidc { get; init; }

    /// <summary>The OIDC audience; <c>null</c> = the Archivista URL.</summary>
    public string? Audience { get; init; }

    /// <summary>The environment (headers variable, OIDC endpoint); <c>null</c> = the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Time limit of one request attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Delay before a retry (doubled each time).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Handler for all requests (tests); <c>null</c> = the default handler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Parses <c>Name: Value</c> lines.</summary>
    /// <exception cref="CilockException">CIL1710 for a line without a colon or with an empty name (the value is not echoed).</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseHeaders(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? "" : line[..colon].Trim();
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new CilockException(CiDiagnostics.ArchivistaOptionInvalid, "an Archivista header must look like 'Name: Value'");
            }

            result.Add(new(name, line[(colon + 1)..].Trim()));
        }

        return result;
    }

    /// <summary>Resolves authentication and creates the client.</summary>
    /// <exception cref="CilockException">CIL1710 for a bad URL or header; CIL1711 when OIDC was requested but no token can be obtained.</exception>
    public async Task<ArchivistaClient> ConnectAsync(CancellationToken ct = default)
    {
        var url = ArchivistaClient.ParseUrl(Url);
        var environment = Environment ?? CiPlatforms.ProcessEnvironment();
        var headers = new List<KeyValuePair<string, string>>();
        var oidc = Oidc ?? GitHubOidcToken.IsAvailable(environment);
        if (oidc)
        {
            using var http = HttpHandler is { } handler ? new HttpClient(handler, disposeHandler: false) { Timeout = Timeout } : new HttpClient { Timeout = Timeout };
            try
            {
                var token = await GitHubOidcToken.RequestAsync(environment, Audience ?? Url, http, ct).ConfigureAwait(false);
                headers.Add(new("Authorization", "Bearer " + token));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw new CilockException(CiDiagnostics.ArchivistaRequestFailed, $"cannot get a GitHub Actions OIDC token for Archivista: {e.Message}");
            }
        }

        var explicitHeaders = ParseHeaders(environment.GetValueOrDefault(HeadersVariable)?.Split('\n') ?? []).Concat(ParseHeaders(Headers)).ToList();
        headers.RemoveAll(h => explicitHeaders.Any(e => string.Equals(e.Key, h.Key, StringComparison.OrdinalIgnoreCase)));
        headers.AddRange(explicitHeaders);
        return new ArchivistaClient(new ArchivistaClientOptions
        {
            BaseUrl = url,
            Headers = headers,
            Timeout = Timeout,
            Attempts = Attempts,
            RetryDelay = RetryDelay,
            HttpHandler = HttpHandler,
        });
    }
}

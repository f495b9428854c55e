namespace Cilock.Operations.Archivista;

/// <summary>Connection settings of an <see cref="ArchivistaClient"/>.</summary>
public sealed record ArchivistaClientOptions
{
    /// <summary>The server base (e.g. <c>https://archivista.example.com</c>); paths are joined to it.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Extra request headers (authentication); their values are never logged.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Time limit of one attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request for transport failures, timeouts, 429 and 5xx answers (at least 1).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Delay before the second attempt; doubled for each further attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Handler for the requests (tests); <c>null</c> = the default handler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}

namespace Cilock.Sigstore.Signing;

/// <summary>Timeouts and retry bounds for the keyless signer's HTTP calls.</summary>
public sealed record SigstoreHttpSettings
{
    /// <summary>Time allowed for one attempt (connect, send, read the whole answer); 30 s by default.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first included; 4 by default.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry; doubles after each failed attempt. 500 ms by default.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one delay, including a server's Retry-After; 10 s by default.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest accepted response body; 4 MiB by default.</summary>
    public int MaxResponseBytes { get; init; } = 4 << 20;
}

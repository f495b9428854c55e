namespace Cilock.Sigstore.Tuf;

/// <summary>Where a <see cref="TufClient"/> finds its repository, its trust anchor and its cache.</summary>
public sealed record TufClientOptions
{
    /// <summary>The metadata base URL (e.g. <c>https://tuf-repo-cdn.sigstore.dev/</c>); must end with <c>/</c>.</summary>
    public required Uri MetadataUrl { get; init; }

    /// <summary>The targets base URL; <c>{MetadataUrl}targets/</c> when <c>null</c>.</summary>
    public Uri? TargetsUrl { get; init; }

    /// <summary>The trusted initial <c>root.json</c> (shipped with the client or distributed out of band).</summary>
    public required byte[] InitialRoot { get; init; }

    /// <summary>The folder holding the verified metadata and targets for offline use.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>The time limit of each HTTP request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest root chain followed in one refresh (TUF's default is 32).</summary>
    public int MaxRootRotations { get; init; } = 32;
}

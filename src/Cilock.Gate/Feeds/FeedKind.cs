namespace Cilock.Gate.Feeds;

/// <summary>The kind of feed a package is pushed to.</summary>
public enum FeedKind
{
    /// <summary>A local or network folder (flat v2 layout or hierarchical v3 layout).</summary>
    Folder,

    /// <summary>An HTTP(S) server: a full push URL or a v3 service index.</summary>
    Http,
}

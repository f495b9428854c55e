namespace Cilock.Sigstore.Bundles;

/// <summary>The kind and version of a log entry body (<c>KindVersion</c>).</summary>
public sealed class BundleKindVersion
{
    /// <summary>The entry kind, e.g. <c>hashedrekord</c>, <c>dsse</c>, <c>intoto</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The entry schema version, e.g. <c>0.0.1</c>.</summary>
    public string Version { get; init; } = "";
}

namespace Cilock.Sigstore.Bundles;

/// <summary>A checkpoint in signed-note form (<c>Checkpoint</c>).</summary>
public sealed class BundleCheckpoint
{
    /// <summary>The signed note text: origin, tree size, root hash, optional extensions, blank line, signature lines.</summary>
    public string Envelope { get; init; } = "";
}

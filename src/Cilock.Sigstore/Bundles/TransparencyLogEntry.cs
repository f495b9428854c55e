using System.Text.Json.Serialization;

namespace Cilock.Sigstore.Bundles;

/// <summary>A transparency log entry (<c>TransparencyLogEntry</c>) of Rekor v1 or v2.</summary>
public sealed class TransparencyLogEntry
{
    /// <summary>The entry's index in the log (the global index for sharded Rekor v1).</summary>
    public long LogIndex { get; init; }

    /// <summary>The log's identifier (SHA-256 of its public key, or of its note key for Rekor v2).</summary>
    public BundleLogId LogId { get; init; } = new();

    /// <summary>The entry kind and version, e.g. <c>hashedrekord</c> <c>0.0.1</c>.</summary>
    public BundleKindVersion KindVersion { get; init; } = new();

    /// <summary>Unix seconds at which the log integrated the entry; 0 when the log does not say (Rekor v2).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long IntegratedTime { get; init; }

    /// <summary>The signed entry timestamp, when the log issued one.</summary>
    public BundleInclusionPromise? InclusionPromise { get; init; }

    /// <summary>The Merkle inclusion proof with its signed checkpoint.</summary>
    public BundleInclusionProof? InclusionProof { get; init; }

    /// <summary>The exact entry body the log hashed (the Merkle leaf).</summary>
    public byte[] CanonicalizedBody { get; init; } = [];
}

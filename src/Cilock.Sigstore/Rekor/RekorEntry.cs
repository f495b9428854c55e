namespace Cilock.Sigstore.Rekor;

/// <summary>A Rekor v1 log entry as returned on upload: everything a Sigstore bundle's <c>tlogEntries[]</c> needs.</summary>
/// <param name="Uuid">The entry UUID.</param>
/// <param name="Kind">The entry type, e.g. <c>intoto</c>.</param>
/// <param name="ApiVersion">The entry type version, e.g. <c>0.0.2</c>.</param>
/// <param name="LogIndex">The global log index.</param>
/// <param name="LogId">The log id (SHA-256 of the log's public key).</param>
/// <param name="IntegratedTime">When the log integrated the entry.</param>
/// <param name="CanonicalizedBody">The entry body exactly as the log stored it.</param>
/// <param name="SignedEntryTimestamp">The log's promise of inclusion (SET), if any.</param>
/// <param name="InclusionProof">The inclusion proof, if any.</param>
public sealed record RekorEntry(
    string Uuid,
    string Kind,
    string ApiVersion,
    long LogIndex,
    byte[] LogId,
    DateTimeOffset IntegratedTime,
    byte[] CanonicalizedBody,
    byte[]? SignedEntryTimestamp,
    RekorInclusionProof? InclusionProof);

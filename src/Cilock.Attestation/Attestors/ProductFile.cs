using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors;

/// <summary>One product of a step (spec attestors.md §3).</summary>
/// <param name="Digest">The digest set of the file (or <c>dirHash</c> for a directory entry).</param>
/// <param name="MimeType">The sniffed media type, e.g. <c>application/zip</c>; <c>unknown</c> when sniffing failed.</param>
/// <param name="Kind">The v0.3 <c>kind</c> derived from the path (e.g. <c>cyclonedx</c>), or <c>null</c>.</param>
public sealed record ProductFile(DigestSet Digest, string MimeType, string? Kind = null);

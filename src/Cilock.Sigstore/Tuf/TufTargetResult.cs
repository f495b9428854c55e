using Cilock.Attestation.Diagnostics;

namespace Cilock.Sigstore.Tuf;

/// <summary>A verified TUF target.</summary>
/// <param name="Content">The target bytes, verified against the signed targets metadata.</param>
/// <param name="FromCache">Whether the repository was unreachable and the verified cache was used.</param>
/// <param name="Warnings">Warnings to show the user (e.g. CIL6055 offline).</param>
public sealed record TufTargetResult(byte[] Content, bool FromCache, IReadOnlyList<Diagnostic> Warnings);

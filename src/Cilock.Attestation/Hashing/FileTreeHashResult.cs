using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Hashing;

/// <summary>The digests of a walked tree and what was skipped.</summary>
/// <param name="Files">Relative forward-slash path → digest set, sorted by path (UTF-8 byte order).</param>
/// <param name="Diagnostics">Warnings such as skipped escaping symlinks or unreadable files.</param>
public sealed record FileTreeHashResult(IReadOnlyDictionary<string, DigestSet> Files, IReadOnlyList<Diagnostic> Diagnostics);

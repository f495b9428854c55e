using Cilock.Attestation.Diagnostics;

namespace Cilock.Reports.Sbom;

/// <summary>The documents <see cref="SbomGenerator"/> made and the warnings on the way (e.g. unreadable nuspecs).</summary>
/// <param name="Documents">One document per requested format, CycloneDX first.</param>
/// <param name="Diagnostics">Warnings; errors are thrown as <see cref="CilockException"/>.</param>
public sealed record SbomGenerationResult(IReadOnlyList<SbomOutput> Documents, IReadOnlyList<Diagnostic> Diagnostics);

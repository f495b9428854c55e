namespace Cilock.Attestation.Attestors.Slsa;

/// <summary>
/// The diagnostic codes of SLSA provenance (CIL6200–CIL6219). Documented in <c>docs/diagnostics.md</c>; never reuse
/// a code.
/// </summary>
public static class SlsaDiagnostics
{
    /// <summary>A SLSA provenance predicate has an unknown predicate type or a member of the wrong JSON type.</summary>
    public const string InvalidPredicate = "CIL6200";

    /// <summary>The standalone SLSA provenance statement could not be exported (no slsa attestation, no package, signing or writing failed).</summary>
    public const string ExportFailed = "CIL6201";
}

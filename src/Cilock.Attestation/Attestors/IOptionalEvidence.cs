namespace Cilock.Attestation.Attestors;

/// <summary>
/// An attestor that may legitimately find nothing to record (e.g. a reader of SARIF, TRX or SBOM files among a
/// step's products when the step wrote none). When <see cref="HasEvidence"/> is <c>false</c> after the run, the
/// attestor is left out of the collection silently instead of with a "no representation" warning.
/// </summary>
public interface IOptionalEvidence
{
    /// <summary>Whether the attestor found something to record.</summary>
    bool HasEvidence { get; }
}

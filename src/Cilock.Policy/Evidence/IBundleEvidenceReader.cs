namespace Cilock.Policy.Evidence;

/// <summary>
/// Reads a Sigstore bundle (<c>*.sigstore.json</c>) as evidence. Implemented outside the policy library (it needs the
/// Sigstore verifier and a trusted root); <see cref="FileEvidenceSource"/> calls it for every bundle it meets.
/// </summary>
public interface IBundleEvidenceReader
{
    /// <summary>Verifies the bundle's log entries, timestamps and certificate and returns its envelope with the proof.</summary>
    /// <param name="reference">The bundle file (for messages).</param>
    /// <param name="utf8Json">The bundle's bytes.</param>
    /// <exception cref="Cilock.Attestation.Diagnostics.CilockException">
    /// CIL6060 when the bundle fails verification, CIL6061 when it carries no DSSE in-toto statement.
    /// </exception>
    EvidenceEnvelope Read(string reference, byte[] utf8Json);
}

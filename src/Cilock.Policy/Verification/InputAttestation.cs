namespace Cilock.Policy.Verification;

/// <summary>An envelope that took part in the verdict (for the VSA's <c>inputAttestations</c>).</summary>
/// <param name="Reference">Where it was read from.</param>
/// <param name="PayloadSha256">sha256 hex of the envelope payload.</param>
/// <param name="Step">The step or external it was a candidate for.</param>
/// <param name="Passed">Whether it passed.</param>
public sealed record InputAttestation(string Reference, string PayloadSha256, string Step, bool Passed);

using System.Security.Cryptography.X509Certificates;

namespace Cilock.Attestation.Crypto;

/// <summary>
/// A trusted RFC 3161 time-stamping authority: its certificate and intermediates, all of them anchors (spec
/// dsse-and-keys.md §8; a policy's <c>timestampauthorities</c> entry).
/// </summary>
/// <param name="Name">A label for messages (e.g. the policy's TSA id).</param>
/// <param name="Certificate">The TSA root or signing certificate.</param>
/// <param name="Intermediates">Further certificates of the TSA, also trusted as anchors.</param>
public sealed record TimestampAuthority(string Name, X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Intermediates)
{
    /// <summary>Every certificate of the trust pool.</summary>
    public IReadOnlyList<X509Certificate2> Pool => [Certificate, .. Intermediates];
}

using System.Security.Cryptography;
using Cilock.Attestation.Dsse;

namespace Cilock.Policy.Evidence;

/// <summary>One loaded DSSE envelope and where it came from (file path, <c>path:line</c> for JSON Lines).</summary>
public sealed class EvidenceEnvelope
{
    /// <summary>Wraps an envelope.</summary>
    public EvidenceEnvelope(string reference, DsseEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(envelope);
        Reference = reference;
        Envelope = envelope;
        PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(envelope.Payload));
    }

    /// <summary>Where the envelope was read from.</summary>
    public string Reference { get; }

    /// <summary>The envelope.</summary>
    public DsseEnvelope Envelope { get; }

    /// <summary>Lowercase hex sha256 of the payload bytes (the VSA's input digest).</summary>
    public string PayloadSha256 { get; }

    /// <summary>
    /// The verified Sigstore bundle for this payload, when one was read (alone, or next to this envelope): its signer
    /// is verified at the bundle's proved signing times.
    /// </summary>
    public SigstoreProof? Sigstore { get; init; }

    /// <inheritdoc />
    public override string ToString() => Reference;
}

using Cilock.Attestation.Dsse;

namespace Cilock.Sigstore.Bundles;

/// <summary>A DSSE envelope as a bundle carries it (<c>io.intoto.Envelope</c>: payload, payloadType, signatures).</summary>
public sealed class BundleDsseEnvelope
{
    /// <summary>The raw payload bytes.</summary>
    public byte[] Payload { get; init; } = [];

    /// <summary>The payload type, e.g. <c>application/vnd.in-toto+json</c>.</summary>
    public string PayloadType { get; init; } = "";

    /// <summary>The signatures (a Sigstore bundle has exactly one).</summary>
    public IReadOnlyList<BundleDsseSignature> Signatures { get; init; } = [];

    /// <summary>Takes payload, type and signatures (sig + keyid) from a cilock envelope; certificate and timestamp members stay out.</summary>
    public static BundleDsseEnvelope FromEnvelope(DsseEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return new BundleDsseEnvelope
        {
            Payload = envelope.Payload,
            PayloadType = envelope.PayloadType,
            Signatures = [.. envelope.Signatures.Select(s => new BundleDsseSignature { Sig = s.Signature, Keyid = s.KeyId.Length == 0 ? null : s.KeyId })],
        };
    }

    /// <summary>The same envelope as a cilock <see cref="DsseEnvelope"/>.</summary>
    public DsseEnvelope ToEnvelope() =>
        new(PayloadType, Payload, [.. Signatures.Select(s => new DsseSignature { Signature = s.Sig, KeyId = s.Keyid ?? "" })]);
}

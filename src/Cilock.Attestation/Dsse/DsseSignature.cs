namespace Cilock.Attestation.Dsse;

/// <summary>One signature of a <see cref="DsseEnvelope"/> (spec dsse-and-keys.md §1).</summary>
public sealed class DsseSignature
{
    /// <summary>The keyid hint; informational only and never used to select a verification key. May be empty.</summary>
    public string KeyId { get; init; } = "";

    /// <summary>The raw signature bytes over the PAE (DER for ECDSA, PSS or PKCS#1 v1.5 for RSA, 64 bytes for Ed25519).</summary>
    public required byte[] Signature { get; init; }

    /// <summary>The signing leaf certificate as PEM text, when the signer had one; written as base64 of the PEM.</summary>
    public string? CertificatePem { get; init; }

    /// <summary>PEM intermediates carried with the certificate.</summary>
    public IReadOnlyList<string> IntermediatePems { get; init; } = [];

    /// <summary>RFC 3161 TimeStampToken DER blobs (<c>type: tsp</c>) stamped over <see cref="Signature"/>.</summary>
    public IReadOnlyList<byte[]> Timestamps { get; init; } = [];
}

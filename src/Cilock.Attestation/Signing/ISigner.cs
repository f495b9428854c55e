namespace Cilock.Attestation.Signing;

/// <summary>Signs DSSE pre-authentication-encoded bytes with one key.</summary>
public interface ISigner
{
    /// <summary>The keyid written into the signature (spec dsse-and-keys.md §4).</summary>
    string KeyId { get; }

    /// <summary>Signs <paramref name="data"/> (the PAE bytes); ECDSA returns DER, RSA returns PSS, Ed25519 pure.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);

    /// <summary>The PEM leaf certificate for certificate signers (Fulcio, X.509 keys), else <c>null</c>.</summary>
    string? CertificatePem => null;

    /// <summary>PEM intermediates to carry in the signature, if any.</summary>
    IReadOnlyList<string> IntermediatePems => [];
}

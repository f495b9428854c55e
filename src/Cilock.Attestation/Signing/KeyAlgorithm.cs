namespace Cilock.Attestation.Signing;

/// <summary>Key types <see cref="KeyGenerator"/> can create.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256 (the default: small keys, fast, accepted by every verifier).</summary>
    EcdsaP256,

    /// <summary>ECDSA on NIST P-384 (still signs SHA-256 of the PAE, as Go does).</summary>
    EcdsaP384,

    /// <summary>ECDSA on NIST P-521 (still signs SHA-256 of the PAE, as Go does).</summary>
    EcdsaP521,

    /// <summary>RSA 3072-bit, RSASSA-PSS signatures.</summary>
    Rsa3072,

    /// <summary>RSA 4096-bit, RSASSA-PSS signatures.</summary>
    Rsa4096,

    /// <summary>Ed25519, pure signatures.</summary>
    Ed25519,
}

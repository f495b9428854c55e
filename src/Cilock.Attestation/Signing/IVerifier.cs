namespace Cilock.Attestation.Signing;

/// <summary>Verifies a signature over DSSE pre-authentication-encoded bytes with one public key.</summary>
public interface IVerifier
{
    /// <summary>The keyid of the public key (spec dsse-and-keys.md §4).</summary>
    string KeyId { get; }

    /// <summary>Returns whether <paramref name="signature"/> is valid for <paramref name="data"/>; never throws for bad signatures.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}

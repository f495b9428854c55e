namespace Cilock.Attestation.Dsse;

/// <summary>Why one signature did not verify with one verifier (or with its certificate).</summary>
/// <param name="SignatureIndex">The index of the signature in the envelope, or -1 for the envelope as a whole.</param>
/// <param name="KeyId">The keyid of the verifier or certificate key that was tried (may be empty).</param>
/// <param name="Reason">A human-readable reason.</param>
public sealed record DsseSignatureFailure(int SignatureIndex, string KeyId, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => SignatureIndex < 0
        ? Reason
        : $"signature {SignatureIndex}{(KeyId.Length > 0 ? $" with key {KeyId}" : "")}: {Reason}";
}

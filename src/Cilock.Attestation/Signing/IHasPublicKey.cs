namespace Cilock.Attestation.Signing;

/// <summary>Implemented by our signers and verifiers: exposes the canonical public key, e.g. to write a <c>.pub</c> file.</summary>
internal interface IHasPublicKey
{
    /// <summary>The canonical SubjectPublicKeyInfo DER.</summary>
    byte[] SubjectPublicKeyInfo { get; }
}

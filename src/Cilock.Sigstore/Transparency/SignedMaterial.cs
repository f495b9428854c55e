namespace Cilock.Sigstore.Transparency;

/// <summary>What a bundle signs, as a log entry body must record it.</summary>
/// <param name="Signature">The raw signature bytes (message signature or the DSSE signature).</param>
/// <param name="VerifierDer">The leaf certificate DER, or the public key's SubjectPublicKeyInfo DER.</param>
/// <param name="IsCertificate">Whether <paramref name="VerifierDer"/> is a certificate.</param>
/// <param name="ArtifactSha256">For message signatures: the artifact's SHA-256.</param>
/// <param name="DssePayloadType">For DSSE: the payload type.</param>
/// <param name="DssePayload">For DSSE: the raw payload.</param>
internal sealed record SignedMaterial(
    byte[] Signature,
    byte[] VerifierDer,
    bool IsCertificate,
    byte[]? ArtifactSha256,
    string? DssePayloadType,
    byte[]? DssePayload)
{
    public bool IsDsse => DssePayload is not null;
}

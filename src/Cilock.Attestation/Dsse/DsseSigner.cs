using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;

namespace Cilock.Attestation.Dsse;

/// <summary>Creates DSSE envelopes: one signature per signer over <see cref="Pae.Encode"/>.</summary>
public static class DsseSigner
{
    /// <summary>Signs <paramref name="payload"/> with every signer.</summary>
    /// <param name="payloadType">The payload type, e.g. <see cref="DsseEnvelope.InTotoPayloadType"/>.</param>
    /// <param name="payload">The exact payload bytes (kept verbatim).</param>
    /// <param name="signers">At least one signer; certificate signers carry their leaf and intermediates.</param>
    /// <param name="timestamp">Optional RFC 3161 hook: receives the raw signature bytes and returns a TimeStampToken (DER).</param>
    /// <exception cref="CilockException">CIL1014 without signers, CIL1015 when a signer fails.</exception>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, IEnumerable<ISigner> signers, Func<byte[], byte[]>? timestamp = null) =>
        Sign(payloadType, payload, signers, timestamp is null ? [] : [timestamp]);

    /// <summary>Signs <paramref name="payload"/> with every signer and stamps each signature with every timestamper.</summary>
    /// <param name="payloadType">The payload type.</param>
    /// <param name="payload">The exact payload bytes.</param>
    /// <param name="signers">At least one signer.</param>
    /// <param name="timestampers">One hook per time-stamping authority; each returns a TimeStampToken over the raw signature bytes.</param>
    /// <exception cref="CilockException">CIL1014 without signers, CIL1015 when a signer fails.</exception>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, IEnumerable<ISigner> signers, IReadOnlyList<Func<byte[], byte[]>> timestampers)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signers);
        ArgumentNullException.ThrowIfNull(timestampers);
        var pae = Pae.Encode(payloadType, payload);
        var signatures = new List<DsseSignature>();
        foreach (var signer in signers)
        {
            byte[] sig;
            try
            {
                sig = signer.Sign(pae);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new CilockException(CryptoDiagnostics.SigningFailed, $"signing with key {signer.KeyId} failed: {e.Message}", e);
            }

            signatures.Add(new DsseSignature
            {
                KeyId = signer.KeyId,
                Signature = sig,
                CertificatePem = signer.CertificatePem,
                IntermediatePems = [.. signer.IntermediatePems],
                Timestamps = [.. timestampers.Select(t => t(sig))],
            });
        }

        if (signatures.Count == 0)
        {
            throw new CilockException(CryptoDiagnostics.InvalidOptions, "no signing key was given; a DSSE envelope needs at least one signature");
        }

        return new DsseEnvelope(payloadType, (byte[])payload.Clone(), signatures);
    }
}

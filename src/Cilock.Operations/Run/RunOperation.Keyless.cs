using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Keyless;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Run;

/// <summary>Keyless signing of <c>cilock run</c> evidence.</summary>
public sealed partial class RunOperation
{
    /// <summary>
    /// Signs with <paramref name="signer"/>, or keylessly with <paramref name="keyless"/>; a keyless signature's Sigstore
    /// bundle is written next to <paramref name="outputPath"/> before the caller writes the envelope.
    /// </summary>
    private static async Task<DsseEnvelope> SignAsync(KeylessSigner? keyless, ISigner? signer, byte[] statement, string outputPath, List<Diagnostic> diagnostics, CancellationToken ct)
    {
        if (keyless is null)
        {
            return DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement, [signer!]);
        }

        var signed = await keyless.SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, statement, ct).ConfigureAwait(false);
        var bundlePath = KeylessEvidenceSigner.WriteBundle(outputPath, signed.Bundle);
        diagnostics.Add(KeylessEvidenceSigner.Signed(signed, bundlePath));
        return signed.Envelope;
    }
}

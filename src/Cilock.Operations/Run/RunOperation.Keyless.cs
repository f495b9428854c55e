using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.Keyless;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Run;

/// <summary>Keyless signing of <c>cilock run</c> evidence.</summary>
public sealed partial class RunOperation
{
    /// <summary>
    /// Signs with <paramref name="signer"/>, or keylessly with <paramref name="keyless"/>; a keyless signature's Sigstore
    /// bundle is written next to <paramref name="outputPath"/> before the caller writes the envelope. A key signature
    /// removes the bundle an earlier keyless run left there: it would describe an envelope that no longer exists, and
    /// <c>cilock verify</c> reads bundles as evidence.
    /// </summary>
    /// <exception cref="CilockException">CIL1503 when a stale bundle cannot be removed.</exception>
    private static async Task<DsseEnvelope> SignAsync(KeylessSigner? keyless, ISigner? signer, byte[] statement, string outputPath, List<Diagnostic> diagnostics, CancellationToken ct)
    {
        if (keyless is null)
        {
            var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement, [signer!]);
            var stale = KeylessSigner.BundlePathFor(outputPath);
            try
            {
                File.Delete(stale);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CilockException(OperationDiagnostics.InvalidOutputPath, $"cannot remove the stale Sigstore bundle '{stale}': {e.Message}", e);
            }

            return envelope;
        }

        var signed = await keyless.SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, statement, ct).ConfigureAwait(false);
        var bundlePath = KeylessEvidenceSigner.WriteBundle(outputPath, signed.Bundle);
        diagnostics.Add(KeylessEvidenceSigner.Signed(signed, bundlePath));
        return signed.Envelope;
    }
}

using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Keyless;
using Cilock.Operations.Run;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Recording;

/// <summary>Signer selection of recorded steps: a key, or keyless Sigstore signing in CI.</summary>
public sealed partial class StepRecordingOperation
{
    /// <summary>
    /// Signs the statement: keyless when <see cref="StepRecordingOptions.Keyless"/> asks for it (or, in auto mode, when
    /// no key is configured and a CI identity token exists), else with the key from the signer factory. Operations
    /// built with an explicit signer (tests) never switch to keyless by themselves.
    /// </summary>
    private async Task<(DsseEnvelope Envelope, bool Created, SigstoreBundle? Bundle, Diagnostic? Note)> SignStatementAsync(StepRecordingOptions options, byte[] statement, CancellationToken ct)
    {
        var settings = KeylessAllowed || options.Keyless.Mode == SigningMode.Keyless ? options.Keyless : options.Keyless with { Mode = SigningMode.Key };
        var keyless = KeylessEvidenceSigner.Prepare(settings, options.KeyPath is not null, options.Environment ?? ProcessEnvironment.Read());
        if (keyless is null)
        {
            var (signer, created) = _signerFactory(options);
            return (DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement, [signer]), created, null, null);
        }

        var signed = await keyless.SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, statement, ct).ConfigureAwait(false);
        var bundlePath = KeylessSigner.BundlePathFor(Path.GetFullPath(options.EvidencePath));
        return (signed.Envelope, false, signed.Bundle, KeylessEvidenceSigner.Signed(signed, bundlePath));
    }

    /// <summary>Whether auto mode may pick keyless signing (the default operation; not operations given a test signer).</summary>
    private bool KeylessAllowed { get; init; }

    /// <summary>
    /// Writes the Sigstore bundle of a keyless signature next to the envelope. Called before the envelope is written, so
    /// an envelope on disk always has its bundle. A key signature removes the bundle a former keyless run left there:
    /// it describes an envelope that no longer exists, and bundles are read as evidence.
    /// </summary>
    private static void WriteBundle(string evidencePath, SigstoreBundle? bundle)
    {
        try
        {
            if (bundle is not null)
            {
                KeylessEvidenceSigner.WriteBundle(evidencePath, bundle);
            }
            else if (File.Exists(KeylessSigner.BundlePathFor(evidencePath)))
            {
                File.Delete(KeylessSigner.BundlePathFor(evidencePath));
            }
        }
        catch (Exception e) when (e is CilockException or IOException or UnauthorizedAccessException)
        {
            throw new CilockException(RecordingDiagnostics.EvidenceNotWritable, $"cannot write the Sigstore bundle: {e.Message}", e);
        }
    }
}

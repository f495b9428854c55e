using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.IO;
using Cilock.Attestation.Signing;
using Cilock.Operations.Keyless;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Signing;

/// <summary>
/// <c>cilock sign</c> (Witness <c>sign</c> semantics): a DSSE envelope whose payload is the file's exact bytes, signed
/// with a key (the loader <c>policy sign</c> uses) or keylessly (the signer <c>cilock run --keyless</c> uses, with the
/// Sigstore bundle written beside the envelope).
/// </summary>
public static class SignFileOperation
{
    /// <summary>Signs <see cref="SignFileRequest.InputPath"/> into <see cref="SignFileRequest.OutputPath"/>.</summary>
    /// <exception cref="CilockException">CIL6122 unreadable input, CIL6123 usage, key loading and CIL6100–CIL6109 signing codes.</exception>
    public static async Task<SignFileResult> ExecuteAsync(SignFileRequest request, IReadOnlyDictionary<string, string> environment, HttpClient? httpClient = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(environment);
        if ((request.KeyPath is null) == (request.Keyless is null))
        {
            throw new CilockException(SigningDiagnostics.UsageInvalid, "sign with exactly one of --key and --keyless");
        }

        if (request.Keyless?.Mode == SigningMode.Key)
        {
            throw new CilockException(SigningDiagnostics.UsageInvalid, "--signing key needs --key");
        }

        if (string.IsNullOrWhiteSpace(request.PayloadType))
        {
            throw new CilockException(SigningDiagnostics.UsageInvalid, "the payload type (-t) is empty");
        }

        if (request.KeyPath is { } keyPath)
        {
            var signer = KeyLoader.LoadSigner(keyPath, request.KeyPasswordEnvironmentVariable);
            var payload = InputFiles.Read(request.InputPath);
            Write(request.OutputPath, DsseSigner.Sign(request.PayloadType, payload, [signer]));
            return new SignFileResult(request.OutputPath, null, null);
        }

        var keyless = KeylessEvidenceSigner.Prepare(request.Keyless! with { Mode = SigningMode.Keyless }, keyConfigured: false, environment, httpClient)!;
        var bytes = InputFiles.Read(request.InputPath);
        var signed = await keyless.SignEnvelopeAsync(request.PayloadType, bytes, ct).ConfigureAwait(false);
        var bundlePath = KeylessEvidenceSigner.WriteBundle(request.OutputPath, signed.Bundle);
        Write(request.OutputPath, signed.Envelope);
        return new SignFileResult(request.OutputPath, bundlePath, signed.Identity);
    }

    private static void Write(string path, DsseEnvelope envelope) => AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(envelope.ToJson() + "\n"));
}

using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.IO;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Signing;

/// <summary>
/// <c>cilock sign-bundle</c>: a keyless message signature (hashedrekord) over a file, or with
/// <c>--in-toto</c> a DSSE envelope over an in-toto statement (intoto entry), as a Sigstore bundle v0.3 — the
/// signing half of the sigstore-conformance client protocol.
/// </summary>
public static class SignBundleOperation
{
    /// <summary>Signs <see cref="SignBundleRequest.ArtifactPath"/>; returns the certificate identity.</summary>
    /// <exception cref="CilockException">CIL6120/CIL6121 signing config, CIL6122 unreadable file, CIL6123 usage, CIL6124 not an in-toto statement, CIL6100–CIL6109 signing.</exception>
    public static async Task<string> ExecuteAsync(SignBundleRequest request, HttpClient? httpClient = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Staging && request.SigningConfigPath is null)
        {
            throw new CilockException(SigningDiagnostics.UsageInvalid, "--staging needs --signing-config (and --trusted-root): no staging instance is built in");
        }

        if (string.IsNullOrWhiteSpace(request.IdentityToken))
        {
            throw new CilockException(SigningDiagnostics.UsageInvalid, "--identity-token is empty");
        }

        // Everything that can fail before the network is checked first: config, then the file.
        var options = request.SigningConfigPath is { } config ? SigningConfigReader.Read(config, DateTimeOffset.UtcNow) : new KeylessSigningOptions();
        var identity = IdentityTokenSources.Require(new IdentityTokenOptions { Token = request.IdentityToken }, new Dictionary<string, string>(), options.Http, httpClient);
        // DSSE bundles are logged as intoto v0.0.2 entries, like all cilock evidence (KeylessSigningOptions' default).
        var signer = new KeylessSigner(identity, options, httpClient);
        if (request.InToto)
        {
            var statement = InputFiles.Read(request.ArtifactPath);
            CheckStatement(statement, request.ArtifactPath);
            var envelope = await signer.SignEnvelopeAsync(DsseEnvelope.InTotoPayloadType, statement, ct).ConfigureAwait(false);
            AtomicFile.WriteAllBytes(request.BundlePath, envelope.Bundle.ToJsonBytes());
            return envelope.Identity;
        }

        await using var artifact = InputFiles.Open(request.ArtifactPath);
        var signed = await signer.SignBlobAsync(artifact, ct).ConfigureAwait(false);
        AtomicFile.WriteAllBytes(request.BundlePath, signed.Bundle.ToJsonBytes());
        return signed.Identity;
    }

    /// <summary>Refuses to sign as an in-toto statement what is not one (a verifier would reject the bundle later).</summary>
    private static void CheckStatement(byte[] statement, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(statement);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("_type", out var type) && type.ValueKind == JsonValueKind.String
                && type.GetString() is "https://in-toto.io/Statement/v1" or "https://in-toto.io/Statement/v0.1"
                && root.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.Array && subject.GetArrayLength() > 0
                && root.TryGetProperty("predicateType", out var predicateType) && predicateType.ValueKind == JsonValueKind.String)
            {
                return;
            }
        }
        catch (JsonException)
        {
            // Reported below with the same message as a JSON value of the wrong shape.
        }

        throw new CilockException(SigningDiagnostics.NotAStatement, $"'{path}' is not an in-toto statement (_type Statement v1/v0.1, a non-empty subject list, a predicateType)");
    }
}

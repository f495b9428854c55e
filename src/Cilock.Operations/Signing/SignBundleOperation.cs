using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Signing;

namespace Cilock.Operations.Signing;

/// <summary>
/// <c>cilock sign-bundle</c>: a keyless message signature (hashedrekord) over a file, as a Sigstore bundle v0.3 — the
/// signing half of the sigstore-conformance client protocol.
/// </summary>
public static class SignBundleOperation
{
    /// <summary>Signs <see cref="SignBundleRequest.ArtifactPath"/>; returns the certificate identity.</summary>
    /// <exception cref="CilockException">CIL6120/CIL6121 signing config, CIL6122 unreadable file, CIL6123 usage, CIL6100–CIL6109 signing.</exception>
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
        var signer = new KeylessSigner(identity, options, httpClient);
        await using var artifact = InputFiles.Open(request.ArtifactPath);
        var signed = await signer.SignBlobAsync(artifact, ct).ConfigureAwait(false);
        AtomicFile.WriteAllBytes(request.BundlePath, signed.Bundle.ToJsonBytes());
        return signed.Identity;
    }
}

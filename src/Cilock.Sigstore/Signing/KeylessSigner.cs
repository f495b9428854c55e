using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Fulcio;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Rekor;
using Cilock.Sigstore.Timestamping;

namespace Cilock.Sigstore.Signing;

/// <summary>
/// Keyless Sigstore signing: an ephemeral P-256 key, a short-lived Fulcio certificate bound to the CI identity token,
/// RFC 3161 timestamps over the signature, and a Rekor entry with its inclusion proof, checkpoint and SET. Envelopes
/// come back twice: in Witness/cilock form (certificate, intermediates and timestamps in the DSSE signature) and as a
/// Sigstore bundle v0.3. The private key never leaves the process and is discarded after one signature.
/// </summary>
public sealed class KeylessSigner
{
    private readonly IIdentityTokenProvider _identity;
    private readonly KeylessSigningOptions _options;
    private readonly SigstoreHttp _http;

    /// <summary>Creates a signer.</summary>
    /// <param name="identity">Where the OIDC token comes from (see <see cref="IdentityTokenSources"/>).</param>
    /// <param name="options">Service URLs and HTTP settings.</param>
    /// <param name="httpClient">Optional client (tests, proxies).</param>
    /// <exception cref="CilockException">CIL6108 when a URL is not https:// (or http:// to a loopback/private address), CIL6109 on bad settings.</exception>
    public KeylessSigner(IIdentityTokenProvider identity, KeylessSigningOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        Check(options.FulcioUrl, "the Fulcio URL");
        if (options.RekorUrl is not null)
        {
            Check(options.RekorUrl, "the Rekor URL");
        }

        foreach (var tsa in options.TimestampAuthorityUrls)
        {
            Check(tsa, "the time-stamping authority URL");
        }

        if (options.RekorUrl is null && options.TimestampAuthorityUrls.Count == 0)
        {
            // A Fulcio certificate lives ten minutes: without a log entry or a timestamp nobody can verify it later.
            throw new CilockException(KeylessDiagnostics.InvalidOptions, "keyless signing needs a Rekor URL or at least one time-stamping authority: a Fulcio certificate expires after minutes");
        }

        if (options.Http.MaxAttempts < 1 || options.Http.Timeout <= TimeSpan.Zero)
        {
            throw new CilockException(KeylessDiagnostics.InvalidOptions, "keyless signing needs at least one attempt per call and a positive timeout");
        }

        _identity = identity;
        _options = options;
        _http = new SigstoreHttp(options.Http, httpClient);
    }

    /// <summary>Signs a DSSE payload.</summary>
    /// <param name="payloadType">The payload type, e.g. <see cref="DsseEnvelope.InTotoPayloadType"/>.</param>
    /// <param name="payload">The exact payload bytes.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CilockException">CIL6100–CIL6107 (identity, HTTP, Fulcio, Rekor, TSA failures).</exception>
    public async Task<KeylessSignedEnvelope> SignEnvelopeAsync(string payloadType, byte[] payload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(payload);
        var (token, key, chain) = await CertifyAsync(ct).ConfigureAwait(false);
        using (key)
        {
            using var keySigner = new EcdsaSigner(key);
            var signer = new X509CertificateSigner(keySigner, chain.LeafPem, chain.IntermediatePems);
            var unstamped = DsseSigner.Sign(payloadType, payload, [signer]);
            var signature = unstamped.Signatures[0];
            var timestamps = await TimestampAsync(signature.Signature, ct).ConfigureAwait(false);

            var tlog = new List<TransparencyLogEntry>();
            if (_options.RekorUrl is { } rekorUrl)
            {
                var proposed = _options.EnvelopeEntryKind == RekorEntryKind.Dsse
                    ? RekorProposedEntries.Dsse(payloadType, payload, signature.Signature, chain.LeafPem)
                    : RekorProposedEntries.Intoto(payloadType, payload, signature.Signature, chain.LeafPem);
                tlog.Add(ToBundleEntry(await new RekorClient(rekorUrl, _http).UploadAsync(proposed, ct).ConfigureAwait(false)));
            }

            var envelope = new DsseEnvelope(payloadType, (byte[])payload.Clone(), [new DsseSignature
            {
                KeyId = signature.KeyId,
                Signature = signature.Signature,
                CertificatePem = signature.CertificatePem,
                IntermediatePems = signature.IntermediatePems,
                Timestamps = [.. timestamps.Select(t => t.Token)],
            }]);
            var bundle = new SigstoreBundle
            {
                MediaType = BundleMediaTypes.V03,
                VerificationMaterial = Material(chain, tlog, timestamps),
                DsseEnvelope = new BundleDsseEnvelope
                {
                    Payload = envelope.Payload,
                    PayloadType = payloadType,
                    // Sigstore clients leave the keyid empty; the Witness envelope keeps ours.
                    Signatures = [new BundleDsseSignature { Sig = signature.Signature }],
                },
            };
            return new KeylessSignedEnvelope(envelope, bundle, token.ToString());
        }
    }

    /// <summary>Signs a blob (message signature over its SHA-256, <c>hashedrekord</c> entry).</summary>
    /// <param name="artifact">The blob's content, read to the end.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CilockException">CIL6100–CIL6107.</exception>
    public async Task<KeylessSignedBlob> SignBlobAsync(Stream artifact, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var digest = await SHA256.HashDataAsync(artifact, ct).ConfigureAwait(false);
        var (token, key, chain) = await CertifyAsync(ct).ConfigureAwait(false);
        using (key)
        {
            var signature = key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
            var timestamps = await TimestampAsync(signature, ct).ConfigureAwait(false);
            var tlog = new List<TransparencyLogEntry>();
            if (_options.RekorUrl is { } rekorUrl)
            {
                var entry = await new RekorClient(rekorUrl, _http).UploadAsync(RekorProposedEntries.HashedRekord(digest, signature, chain.LeafPem), ct).ConfigureAwait(false);
                tlog.Add(ToBundleEntry(entry));
            }

            var bundle = new SigstoreBundle
            {
                MediaType = BundleMediaTypes.V03,
                VerificationMaterial = Material(chain, tlog, timestamps),
                MessageSignature = new BundleMessageSignature
                {
                    MessageDigest = new BundleHashOutput { Algorithm = "SHA2_256", Digest = digest },
                    Signature = signature,
                },
            };
            return new KeylessSignedBlob(bundle, token.ToString());
        }
    }

    /// <summary>Where the bundle of <paramref name="envelopePath"/> goes: <c>x.intoto.json</c> / <c>x.json</c> → <c>x.sigstore.json</c>.</summary>
    public static string BundlePathFor(string envelopePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(envelopePath);
        foreach (var suffix in (string[])[".intoto.json", ".json"])
        {
            if (envelopePath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return envelopePath[..^suffix.Length] + ".sigstore.json";
            }
        }

        return envelopePath + ".sigstore.json";
    }

    private async Task<(IdentityToken Token, ECDsa Key, FulcioCertificateChain Chain)> CertifyAsync(CancellationToken ct)
    {
        var token = await _identity.GetTokenAsync(ct).ConfigureAwait(false);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var chain = await new FulcioClient(_options.FulcioUrl, _http).RequestCertificateAsync(token, key, ct).ConfigureAwait(false);
            return (token, key, chain);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private async Task<List<Rfc3161Stamp>> TimestampAsync(byte[] signature, CancellationToken ct)
    {
        var tokens = new List<Rfc3161Stamp>();
        foreach (var url in _options.TimestampAuthorityUrls)
        {
            tokens.Add(await new TimestampAuthorityClient(url, _http).TimestampAsync(signature, ct).ConfigureAwait(false));
        }

        return tokens;
    }

    private static BundleVerificationMaterial Material(FulcioCertificateChain chain, List<TransparencyLogEntry> tlog, List<Rfc3161Stamp> timestamps) => new()
    {
        // v0.3 bundles carry the leaf only; verifiers take intermediates and the root from their trusted root.
        Certificate = new BundleCertificate { RawBytes = chain.LeafDer },
        TlogEntries = tlog,
        TimestampVerificationData = timestamps.Count == 0
            ? null
            : new BundleTimestampVerificationData { Rfc3161Timestamps = [.. timestamps.Select(t => new BundleRfc3161Timestamp { SignedTimestamp = t.Response })] },
    };

    private static TransparencyLogEntry ToBundleEntry(RekorEntry entry) => new()
    {
        LogIndex = entry.LogIndex,
        LogId = new BundleLogId { KeyId = entry.LogId },
        KindVersion = new BundleKindVersion { Kind = entry.Kind, Version = entry.ApiVersion },
        IntegratedTime = entry.IntegratedTime.ToUnixTimeSeconds(),
        InclusionPromise = entry.SignedEntryTimestamp is { } set ? new BundleInclusionPromise { SignedEntryTimestamp = set } : null,
        InclusionProof = entry.InclusionProof is { } proof
            ? new BundleInclusionProof
            {
                LogIndex = proof.LogIndex,
                RootHash = proof.RootHash,
                TreeSize = proof.TreeSize,
                Hashes = proof.Hashes,
                Checkpoint = proof.Checkpoint.Length == 0 ? null : new BundleCheckpoint { Envelope = proof.Checkpoint },
            }
            : null,
        CanonicalizedBody = entry.CanonicalizedBody,
    };

    private static void Check(Uri url, string what)
    {
        if (!url.IsAbsoluteUri)
        {
            throw new CilockException(KeylessDiagnostics.InvalidOptions, $"{what} '{url}' is not an absolute URL");
        }

        if (!SigstoreHttp.IsAllowedUrl(url))
        {
            throw new CilockException(KeylessDiagnostics.UrlRefused, $"{what} '{SigstoreHttp.Redact(url)}' refused: use https:// (plain http:// is only allowed to loopback or private addresses)");
        }
    }
}

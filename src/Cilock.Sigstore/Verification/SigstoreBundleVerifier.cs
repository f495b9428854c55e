using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Certificates;
using Cilock.Sigstore.Transparency;
using Cilock.Sigstore.TrustedRoots;

namespace Cilock.Sigstore.Verification;

/// <summary>
/// Verifies Sigstore bundles (v0.1–v0.3) offline against a trusted root, as sigstore-go and sigstore-js do: every
/// transparency-log entry (body matches the bundle, SET and/or inclusion proof with a signed checkpoint), every RFC 3161
/// timestamp, the Fulcio chain and an SCT at each verified time, the signer identity and issuer, the signature, and
/// that the artifact is what was signed (message digest, or an in-toto subject of the DSSE statement).
/// </summary>
public sealed partial class SigstoreBundleVerifier
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly TrustedRoot _root;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier trusting <paramref name="trustedRoot"/>.</summary>
    /// <param name="trustedRoot">The trust root (e.g. <see cref="TrustedRoot.PublicGood"/> or a TUF-refreshed one).</param>
    /// <param name="time">The clock used to refuse times from the future; the system clock by default.</param>
    public SigstoreBundleVerifier(TrustedRoot trustedRoot, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(trustedRoot);
        _root = trustedRoot;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Verifies <paramref name="bundle"/>; never throws for bad input, the result names the failed check.</summary>
    /// <param name="bundle">The parsed bundle.</param>
    /// <param name="artifact">The signed artifact; <c>null</c> only for DSSE bundles whose statement is checked by the caller.</param>
    /// <param name="options">The expected signer.</param>
    public SigstoreVerificationResult Verify(SigstoreBundle bundle, SigstoreArtifact? artifact, SigstoreVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return VerifyOrThrow(bundle, artifact, options);
        }
        catch (CilockException e)
        {
            return SigstoreVerificationResult.Failed(e.Code, e.Message);
        }
    }

    private SigstoreVerificationResult VerifyOrThrow(SigstoreBundle bundle, SigstoreArtifact? artifact, SigstoreVerificationOptions options)
    {
        BundleValidator.Validate(bundle);
        var material = bundle.VerificationMaterial;
        using var leaf = material.PublicKey is null ? LoadLeaf(material) : null;
        using var key = SigningKey(material, leaf, options);
        var signature = bundle.MessageSignature?.Signature ?? bundle.DsseEnvelope!.Signatures[0].Sig;

        VerifySignature(bundle, artifact, key);
        var signed = new SignedMaterial(
            signature,
            leaf?.RawData ?? key.SubjectPublicKeyInfo,
            leaf is not null,
            artifact?.Sha256 ?? MessageDigestOrNull(bundle),
            bundle.DsseEnvelope?.PayloadType,
            bundle.DsseEnvelope?.Payload);

        var times = new List<DateTimeOffset>();
        var untimedLogs = VerifyTransparencyLog(material.TlogEntries, signed, times);
        VerifyTimestamps(material.TimestampVerificationData?.Rfc3161Timestamps ?? [], signature, times);
        VerifyLogValidity(untimedLogs, times);

        if (leaf is null)
        {
            return new SigstoreVerificationResult { IsVerified = true, VerifiedTimes = times, Envelope = bundle.DsseEnvelope?.ToEnvelope() };
        }

        if (times.Count == 0)
        {
            throw Fail(SigstoreDiagnostics.NoVerifiedTime, "the bundle has no verified signing time (neither a signed entry timestamp nor a valid RFC 3161 timestamp)");
        }

        VerifyCertificate(leaf, times);
        var (identities, issuer) = VerifyIdentity(leaf, options);
        return new SigstoreVerificationResult
        {
            IsVerified = true,
            Certificate = X509CertificateLoader.LoadCertificate(leaf.RawData),
            Identities = identities,
            Issuer = issuer,
            VerifiedTimes = times,
            Envelope = bundle.DsseEnvelope?.ToEnvelope(),
        };
    }

    private static X509Certificate2 LoadLeaf(BundleVerificationMaterial material)
    {
        if (material.X509CertificateChain is { } chain)
        {
            // The trusted root supplies intermediates and roots; a root inside the bundle would let the bundle vouch for itself.
            foreach (var raw in chain.Certificates)
            {
                using var cert = LoadCertificate(raw.RawBytes);
                if (cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData))
                {
                    throw Fail(SigstoreDiagnostics.CertificateChainHasRoot, $"the bundle's certificate chain contains the self-signed root '{cert.Subject}'");
                }
            }
        }

        return LoadCertificate(material.Certificate?.RawBytes ?? material.X509CertificateChain!.Certificates[0].RawBytes);
    }

    private static X509Certificate2 LoadCertificate(byte[] der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException e)
        {
            throw Fail(SigstoreDiagnostics.BundleMalformed, $"the bundle holds a malformed certificate: {e.Message}");
        }
    }

    private static SigstorePublicKey SigningKey(BundleVerificationMaterial material, X509Certificate2? leaf, SigstoreVerificationOptions options)
    {
        if (leaf is null)
        {
            if (options.PublicKey is null)
            {
                throw Fail(SigstoreDiagnostics.KeyMismatch, "the bundle is signed with a managed key; pass the public key (--key)");
            }

            return SigstorePublicKey.FromSpki(options.PublicKey);
        }

        if (options.PublicKey is not null)
        {
            throw Fail(SigstoreDiagnostics.KeyMismatch, "the bundle is signed with a Fulcio certificate, not with the given key; verify it by identity");
        }

        if (!options.AcceptAnyIdentityUnsafe && options.CertificateIdentity is null && options.CertificateIdentityRegex is null)
        {
            throw Fail(SigstoreDiagnostics.UsageInvalid, "a certificate bundle needs an expected identity (--certificate-identity or --certificate-identity-regexp)");
        }

        return SigstorePublicKey.FromCertificate(leaf);
    }

    private static byte[]? MessageDigestOrNull(SigstoreBundle bundle) => bundle.MessageSignature?.MessageDigest?.Digest;

    private static void VerifySignature(SigstoreBundle bundle, SigstoreArtifact? artifact, SigstorePublicKey key)
    {
        if (bundle.MessageSignature is { } message)
        {
            if (artifact is null)
            {
                throw Fail(SigstoreDiagnostics.ArtifactInvalid, "a message-signature bundle can only be verified against its artifact");
            }

            if (message.MessageDigest is { } digest && (digest.Algorithm != "SHA2_256" || !digest.Digest.AsSpan().SequenceEqual(artifact.Sha256)))
            {
                throw Fail(SigstoreDiagnostics.ArtifactMismatch, "the bundle's message digest is not the artifact's SHA-256");
            }

            bool valid;
            if (artifact.Bytes is { } bytes)
            {
                valid = key.VerifyData(bytes, message.Signature);
            }
            else if (key.SupportsPrehashed && key.Hash == HashAlgorithmName.SHA256)
            {
                valid = key.VerifyDigest(artifact.Sha256, message.Signature);
            }
            else
            {
                throw Fail(SigstoreDiagnostics.ArtifactInvalid, "this key type needs the artifact itself, not only its digest");
            }

            if (!valid)
            {
                throw Fail(SigstoreDiagnostics.SignatureInvalid, "the bundle's signature does not verify over the artifact with the signing key");
            }

            return;
        }

        var envelope = bundle.DsseEnvelope!;
        if (!key.VerifyData(Pae.Encode(envelope.PayloadType, envelope.Payload), envelope.Signatures[0].Sig))
        {
            throw Fail(SigstoreDiagnostics.SignatureInvalid, "the DSSE envelope's signature does not verify with the signing key");
        }

        if (artifact is not null && !IsInTotoSubject(envelope, artifact.Sha256))
        {
            throw Fail(SigstoreDiagnostics.ArtifactMismatch, "the artifact's SHA-256 is not a subject of the signed in-toto statement");
        }
    }

    private static bool IsInTotoSubject(BundleDsseEnvelope envelope, byte[] sha256)
    {
        if (envelope.PayloadType != DsseEnvelope.InTotoPayloadType)
        {
            return false;
        }

        var hex = Convert.ToHexStringLower(sha256);
        try
        {
            using var statement = JsonDocument.Parse(envelope.Payload, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
            if (!statement.RootElement.TryGetProperty("subject", out var subjects) || subjects.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var subject in subjects.EnumerateArray())
            {
                if (subject.ValueKind == JsonValueKind.Object && subject.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.Object
                    && digest.TryGetProperty("sha256", out var value) && value.ValueKind == JsonValueKind.String
                    && string.Equals(value.GetString(), hex, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }

        return false;
    }

    private (IReadOnlyList<string> Identities, string? Issuer) VerifyIdentity(X509Certificate2 leaf, SigstoreVerificationOptions options)
    {
        var sans = SubjectAlternativeNames.Read(leaf);
        string? issuer;
        try
        {
            issuer = FulcioExtensions.Read(leaf).TryGetValue("Issuer", out var value) ? value : null;
        }
        catch (CilockException e)
        {
            throw Fail(SigstoreDiagnostics.IssuerMismatch, e.Message);
        }

        if (options.AcceptAnyIdentityUnsafe)
        {
            return (sans, issuer);
        }

        if (options.CertificateIdentity is { } identity && !sans.Contains(identity, StringComparer.Ordinal))
        {
            throw Fail(SigstoreDiagnostics.IdentityMismatch, $"the certificate identity is {Describe(sans)}, expected '{identity}'");
        }

        if (options.CertificateIdentityRegex is { } pattern)
        {
            var regex = Pattern(pattern, "identity");
            if (!sans.Any(s => regex.IsMatch(s)))
            {
                throw Fail(SigstoreDiagnostics.IdentityMismatch, $"the certificate identity is {Describe(sans)}, which does not match '{pattern}'");
            }
        }

        if (options.CertificateOidcIssuer is { } expected && issuer != expected)
        {
            throw Fail(SigstoreDiagnostics.IssuerMismatch, $"the certificate's OIDC issuer is '{issuer ?? "(none)"}', expected '{expected}'");
        }

        if (options.CertificateOidcIssuerRegex is { } issuerPattern && (issuer is null || !Pattern(issuerPattern, "issuer").IsMatch(issuer)))
        {
            throw Fail(SigstoreDiagnostics.IssuerMismatch, $"the certificate's OIDC issuer is '{issuer ?? "(none)"}', which does not match '{issuerPattern}'");
        }

        return (sans, issuer);
    }

    private static Regex Pattern(string pattern, string what)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw Fail(SigstoreDiagnostics.UsageInvalid, $"invalid {what} regular expression: {e.Message}");
        }
    }

    private static string Describe(IReadOnlyList<string> sans) => sans.Count == 0 ? "(none)" : string.Join(", ", sans.Select(s => $"'{s}'"));

    private DateTimeOffset Now => _time.GetUtcNow();

    private static CilockException Fail(string code, string message) => new(code, message);
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;

namespace Cilock.Sigstore.Verification;

/// <summary>
/// A DSSE bundle's envelope in the shape Witness and cilock carry certificate material (spec dsse-and-keys.md §7–8):
/// the signature holds the leaf certificate, intermediates and the RFC 3161 TimeStampTokens, so a policy can check
/// the signer with its own roots, constraints and timestamp authorities.
/// </summary>
public static class BundleEnvelope
{
    /// <summary>
    /// Builds the Witness-shaped envelope of <paramref name="bundle"/>. Intermediates are the bundle chain's (v0.1/v0.2)
    /// and every non-self-signed certificate of the trusted root's Fulcio CAs (v0.3 bundles carry only the leaf); extra
    /// intermediates only widen the pool a chain is built from, never its anchors.
    /// </summary>
    /// <exception cref="CilockException">CIL6003 when the bundle has no DSSE envelope.</exception>
    public static DsseEnvelope ToWitnessEnvelope(SigstoreBundle bundle, TrustedRoot trustedRoot)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(trustedRoot);
        var dsse = bundle.DsseEnvelope ?? throw new CilockException(SigstoreDiagnostics.BundleIncomplete, "the bundle carries no DSSE envelope");
        var material = bundle.VerificationMaterial;
        IReadOnlyList<BundleCertificate> chain = material.Certificate is { } leaf ? [leaf] : material.X509CertificateChain?.Certificates ?? [];
        string? leafPem = chain.Count > 0 ? Pem(chain[0].RawBytes) : null;
        var intermediates = new List<string>();
        if (leafPem is not null)
        {
            var pool = chain.Skip(1).Concat(trustedRoot.CertificateAuthorities.SelectMany(a => a.CertChain.Certificates));
            foreach (var raw in pool)
            {
                if (!IsSelfSigned(raw.RawBytes) && Pem(raw.RawBytes) is { } pem && !intermediates.Contains(pem, StringComparer.Ordinal))
                {
                    intermediates.Add(pem);
                }
            }
        }

        var tokens = (material.TimestampVerificationData?.Rfc3161Timestamps ?? [])
            .Select(t => TimestampResponse.ExtractToken(t.SignedTimestamp, out _))
            .OfType<byte[]>()
            .ToList();
        var signatures = dsse.Signatures.Select(s => new DsseSignature
        {
            Signature = s.Sig,
            KeyId = s.Keyid ?? "",
            CertificatePem = leafPem,
            IntermediatePems = leafPem is null ? [] : intermediates,
            Timestamps = tokens,
        });
        return new DsseEnvelope(dsse.PayloadType, dsse.Payload, [.. signatures]);
    }

    private static string? Pem(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return CertificatePem.ToPem(certificate);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool IsSelfSigned(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
        }
        catch (CryptographicException)
        {
            return true;
        }
    }
}

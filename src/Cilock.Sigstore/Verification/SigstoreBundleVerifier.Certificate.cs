using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Sigstore.Certificates;

namespace Cilock.Sigstore.Verification;

/// <summary>The Fulcio chain at every verified time, and the SCT.</summary>
public sealed partial class SigstoreBundleVerifier
{
    private void VerifyCertificate(X509Certificate2 leaf, IReadOnlyList<DateTimeOffset> times)
    {
        X509Certificate2? issuer = null;
        foreach (var time in times)
        {
            string? lastError = null;
            var chained = false;
            foreach (var authority in _root.CertificateAuthorities)
            {
                if (authority.ValidFor is { } range && !range.Contains(time))
                {
                    lastError ??= $"no Fulcio CA of the trusted root is valid at {time:O}";
                    continue;
                }

                var anchors = authority.CertChain.Certificates.Select(c => LoadCertificate(c.RawBytes)).ToList();
                ChainVerificationResult result;
                try
                {
                    result = CertificateChainVerifier.Verify(leaf, [], anchors, time, Oids.CodeSigning);
                }
                catch (CryptographicException e)
                {
                    throw Fail(SigstoreDiagnostics.CertificateChainInvalid, $"the signing certificate cannot be chained: {e.Message}");
                }

                if (result.IsValid && result.Chain.Count >= 2)
                {
                    issuer ??= result.Chain[1];
                    chained = true;
                    break;
                }

                lastError = result.Error ?? "the certificate has no issuer in the trusted root";
            }

            if (!chained)
            {
                throw Fail(SigstoreDiagnostics.CertificateChainInvalid, $"the signing certificate does not chain to a trusted Fulcio CA at {time:O}: {lastError ?? "the trusted root has no certificate authorities"}");
            }
        }

        if (SctVerifier.CountVerified(leaf, issuer!, _root, out var sctError) == 0)
        {
            throw Fail(SigstoreDiagnostics.SctInvalid, $"no signed certificate timestamp verifies against the trusted CT logs: {sctError}");
        }
    }
}
